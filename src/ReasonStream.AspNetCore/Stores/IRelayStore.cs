namespace ReasonStream.AspNetCore;

/// <summary>
/// Where a relayed stream lives while it runs and for the retention after: its events (by position), whether it is
/// still owned by a live producer, cancel requests and follower presence. In memory for one process; Redis for many.
/// </summary>
internal interface IRelayStore : IAsyncDisposable
{
    /// <summary>Raised on the instance that should stop a stream (possibly another instance than the one asked).</summary>
    event Action<string>? CancelRequested;

    /// <summary>Registers a new stream, owned by this instance's producer, before its first event.</summary>
    /// <exception cref="RelayStoreUnavailableException">The store cannot be reached.</exception>
    Task CreateAsync(string streamId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends events whose positions follow <paramref name="expectedLast"/>, atomically; nothing is written when the
    /// stored stream does not end at <paramref name="expectedLast"/> (another writer declared the stream lost) or its
    /// keys are gone.
    /// </summary>
    /// <exception cref="RelayStoreUnavailableException">The store cannot be reached.</exception>
    Task<AppendOutcome> AppendAsync(string streamId, long expectedLast, IReadOnlyList<RelayEvent> events, CancellationToken cancellationToken);

    /// <summary>This instance's feed of a stream, for one follower; null when the stream is unknown or expired.</summary>
    /// <exception cref="RelayStoreUnavailableException">The store cannot be reached.</exception>
    Task<FeedLease?> FollowAsync(string streamId, CancellationToken cancellationToken);

    /// <summary>Asks the instance running the stream to stop it.</summary>
    /// <exception cref="RelayStoreUnavailableException">The store cannot be reached.</exception>
    Task<CancelOutcome> RequestCancelAsync(string streamId, CancellationToken cancellationToken);

    /// <summary>
    /// The producer's periodic tick: keeps its ownership and the stream's expiry alive, and reports whether a cancel
    /// was requested and a counter that moves while any instance has a follower of the stream.
    /// </summary>
    Task<ProducerTick> HeartbeatAsync(string streamId, CancellationToken cancellationToken);

    /// <summary>
    /// Tells this instance's followers of a stream that it cannot go on (its producer could not store it): they get a
    /// <c>relay_error</c> of <paramref name="kind"/> and end.
    /// </summary>
    void FailLocal(string streamId, string kind, string message);
}

/// <summary>What an append did.</summary>
internal enum AppendOutcome
{
    /// <summary>The events were stored.</summary>
    Written,

    /// <summary>The stream ends elsewhere than expected, or is finished: another writer got there first.</summary>
    Conflict,

    /// <summary>The stream's keys are gone (expired, or the store lost them).</summary>
    Gone,
}

/// <summary>What a cancel request found.</summary>
internal enum CancelOutcome
{
    /// <summary>No such stream (never existed, or expired).</summary>
    Unknown,

    /// <summary>The stream had already finished; nothing to stop.</summary>
    AlreadyFinished,

    /// <summary>The request was passed to the instance running the stream.</summary>
    Requested,
}

/// <summary>What the producer's heartbeat learned.</summary>
/// <param name="State">Whether the stream may go on, and if not, why.</param>
/// <param name="FollowerPulse">Changes whenever some instance had a follower since the last tick.</param>
internal readonly record struct ProducerTick(StreamState State, long FollowerPulse);

/// <summary>A running stream's state in the store, as its producer's heartbeat finds it.</summary>
internal enum StreamState
{
    /// <summary>Nothing in the way: go on.</summary>
    Running,

    /// <summary>Someone asked to stop it (a missed pub/sub message is caught here).</summary>
    CancelRequested,

    /// <summary>It already has its terminal event: another instance ended it (it took this producer for lost).</summary>
    EndedElsewhere,

    /// <summary>Its keys are gone from the store (Redis restarted without persistence, or evicted them).</summary>
    Gone,
}

/// <summary>The store (Redis) could not be reached or failed; the message says so clearly.</summary>
internal sealed class RelayStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
