using System.Collections.Concurrent;

namespace ReasonStream.AspNetCore;

/// <summary>
/// The default store: every stream of this process in memory. The feed followers read is the store itself, so a
/// follower costs a cursor. Finished streams are dropped <see cref="ReasoningRelayOptions.Retention"/> after they
/// finish; a running stream lives as long as its producer, which is in this process.
/// </summary>
internal sealed class InMemoryRelayStore : IRelayStore
{
    private readonly ConcurrentDictionary<string, Entry> _streams = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _retention;
    private readonly ITimer _sweeper;

    public InMemoryRelayStore(ReasoningRelayOptions options, TimeProvider time)
    {
        _time = time;
        _retention = options.Retention;
        var period = TimeSpan.FromTicks(Math.Clamp(_retention.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(30).Ticks));
        _sweeper = time.CreateTimer(_ => Sweep(), null, period, period);
    }

    public event Action<string>? CancelRequested;

    /// <summary>How many streams are held (running or retained).</summary>
    public int Count => _streams.Count;

    public Task CreateAsync(string streamId, CancellationToken cancellationToken)
    {
        if (!_streams.TryAdd(streamId, new Entry(new StreamFeed(streamId))))
            throw new InvalidOperationException($"Stream {streamId} already exists.");
        return Task.CompletedTask;
    }

    public Task<AppendOutcome> AppendAsync(string streamId, long expectedLast, IReadOnlyList<RelayEvent> events, CancellationToken cancellationToken)
    {
        if (!_streams.TryGetValue(streamId, out var entry)) return Task.FromResult(AppendOutcome.Gone);
        lock (entry)
        {
            if (entry.Feed.LastSequence != expectedLast || entry.Feed.IsOver) return Task.FromResult(AppendOutcome.Conflict);
            entry.Feed.Offer(events);
            if (entry.Feed.IsComplete) Volatile.Write(ref entry.FinishedAtTicks, _time.GetUtcNow().UtcTicks);
        }

        return Task.FromResult(AppendOutcome.Written);
    }

    public Task<FeedLease?> FollowAsync(string streamId, CancellationToken cancellationToken)
    {
        if (!_streams.TryGetValue(streamId, out var entry) || IsExpired(entry)) return Task.FromResult<FeedLease?>(null);
        Interlocked.Increment(ref entry.Followers);
        Interlocked.Increment(ref entry.Pulse);
        return Task.FromResult<FeedLease?>(new FeedLease(entry.Feed, () =>
        {
            Interlocked.Decrement(ref entry.Followers);
            Interlocked.Increment(ref entry.Pulse);
        }));
    }

    public Task<CancelOutcome> RequestCancelAsync(string streamId, CancellationToken cancellationToken)
    {
        if (!_streams.TryGetValue(streamId, out var entry) || IsExpired(entry)) return Task.FromResult(CancelOutcome.Unknown);
        if (entry.Feed.IsComplete) return Task.FromResult(CancelOutcome.AlreadyFinished);
        entry.CancelRequested = true;
        CancelRequested?.Invoke(streamId);
        return Task.FromResult(CancelOutcome.Requested);
    }

    public Task<ProducerTick> HeartbeatAsync(string streamId, CancellationToken cancellationToken)
    {
        if (!_streams.TryGetValue(streamId, out var entry)) return Task.FromResult(new ProducerTick(StreamState.Gone, 0));
        var pulse = Volatile.Read(ref entry.Followers) > 0 ? Interlocked.Increment(ref entry.Pulse) : Volatile.Read(ref entry.Pulse);
        return Task.FromResult(new ProducerTick(entry.CancelRequested ? StreamState.CancelRequested : StreamState.Running, pulse));
    }

    public void FailLocal(string streamId, string kind, string message)
    {
        if (!_streams.TryGetValue(streamId, out var entry)) return;
        entry.Feed.Fail(kind, message);
        // A failed stream never gets its terminal event: it is kept for the retention from now, like a finished one.
        Interlocked.CompareExchange(ref entry.FinishedAtTicks, _time.GetUtcNow().UtcTicks, 0);
    }

    public ValueTask DisposeAsync()
    {
        _sweeper.Dispose();
        _streams.Clear();
        return ValueTask.CompletedTask;
    }

    private bool IsExpired(Entry entry) =>
        Volatile.Read(ref entry.FinishedAtTicks) is var finished and > 0 && _time.GetUtcNow().UtcTicks - finished >= _retention.Ticks;

    private void Sweep()
    {
        foreach (var (id, entry) in _streams)
        {
            if (IsExpired(entry)) _streams.TryRemove(new KeyValuePair<string, Entry>(id, entry));
        }
    }

    private sealed class Entry(StreamFeed feed)
    {
        public readonly StreamFeed Feed = feed;
        public int Followers;
        public long Pulse;
        public volatile bool CancelRequested;
        public long FinishedAtTicks;
    }
}
