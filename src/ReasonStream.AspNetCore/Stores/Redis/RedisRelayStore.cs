using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ReasonStream.AspNetCore;

/// <summary>
/// Streams in Redis, shared by every instance. Per stream (all keys under the hash tag <c>{id}</c>):
/// <c>…:events</c>, a Redis Stream whose entry ids are <c>0-POSITION</c>, so a resume is one <c>XRANGE</c>;
/// <c>…:state</c>, a hash (last position, done, cancel flag, follower pulse); <c>…:owner</c>, the producing
/// instance's lease; and the pub/sub channel <c>…:live</c>, on which every append is published. Everything expires
/// <see cref="ReasoningRelayOptions.Retention"/> after the last write or heartbeat.
/// </summary>
/// <remarks>
/// Each instance keeps one <see cref="StreamFeed"/> per stream that it has followers for, filled by one
/// subscription plus catch-up reads (never one Redis read per follower), so a thousand followers of a stream on
/// an instance cost one subscription and a cursor each. No follower waits on Redis forever: when the connection
/// fails, or Redis stays unreachable for the owner lease, or a stream's keys vanish, this instance's followers of
/// unfinished streams are told (<c>relay_error</c>) and end.
/// </remarks>
internal sealed partial class RedisRelayStore : IRelayStore
{
    public const string DefaultKeyPrefix = "reasonstream:relay:";
    private const int ReadPage = 1000;
    private const string UnavailableMessage = RelayErrorKinds.StoreUnavailableMessage;
    private const string LostMessage = RelayErrorKinds.StreamLostMessage;

    private readonly IConnectionMultiplexer _redis;
    private readonly bool _ownsConnection;
    private readonly IDatabase _db;
    private readonly ISubscriber _subscriber;
    private readonly string _prefix;
    private readonly RedisChannel _cancelChannel;
    private readonly ReasoningRelayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _instanceId = RelayRunner.NewStreamId();
    private readonly Lock _feedsLock = new();
    private readonly Dictionary<string, LocalFeed> _feeds = new(StringComparer.Ordinal);
    private readonly ITimer _maintenance;
    private int _maintaining;
    private long _unreachableSince;
    private volatile bool _cancelSubscribed;

    public RedisRelayStore(IConnectionMultiplexer redis, string keyPrefix, ReasoningRelayOptions options, TimeProvider time, ILogger<RedisRelayStore> logger, bool ownsConnection = true)
    {
        _redis = redis;
        _ownsConnection = ownsConnection;
        _db = redis.GetDatabase();
        _subscriber = redis.GetSubscriber();
        _prefix = keyPrefix;
        _cancelChannel = RedisChannel.Literal(keyPrefix + "cancel");
        _options = options;
        _time = time;
        _logger = logger;
        _redis.ConnectionFailed += OnConnectionFailed;
        _maintenance = time.CreateTimer(_ => _ = MaintainAsync(), null, TimeSpan.Zero, options.HeartbeatInterval);
    }

    public event Action<string>? CancelRequested;

    private TimeSpan OwnerLease => _options.HeartbeatInterval * _options.MissedHeartbeatsForLoss;

    /// <summary>Streams this instance holds a feed for (for tests and the benchmark).</summary>
    internal int LocalFeedCount
    {
        get
        {
            lock (_feedsLock) return _feeds.Count;
        }
    }

    public async Task CreateAsync(string streamId, CancellationToken cancellationToken)
    {
        await EnsureCancelSubscriptionAsync().ConfigureAwait(false);
        await RunAsync(() => _db.ScriptEvaluateAsync(RedisScripts.Create, [StateKey(streamId), OwnerKey(streamId)],
            [_time.GetUtcNow().ToUnixTimeMilliseconds(), Milliseconds(_options.Retention), _instanceId, Milliseconds(OwnerLease)])).ConfigureAwait(false);
    }

    public async Task<AppendOutcome> AppendAsync(string streamId, long expectedLast, IReadOnlyList<RelayEvent> events, CancellationToken cancellationToken)
    {
        var values = new RedisValue[5 + events.Count * 3];
        values[0] = expectedLast;
        values[1] = Milliseconds(_options.Retention);
        values[2] = LiveChannelName(streamId);
        values[3] = LiveMessage.Encode(events);
        values[4] = events[^1].IsTerminal ? 1 : 0;
        for (var i = 0; i < events.Count; i++)
        {
            values[5 + i * 3] = events[i].Sequence;
            values[6 + i * 3] = events[i].Kind;
            values[7 + i * 3] = events[i].Data;
        }

        var result = (long)await RunAsync(() => _db.ScriptEvaluateAsync(RedisScripts.Append,
            [EventsKey(streamId), StateKey(streamId), OwnerKey(streamId)], values)).ConfigureAwait(false);
        if (result == -2) return AppendOutcome.Gone;
        if (result != -1) return AppendOutcome.Conflict;

        // This instance's followers need no round trip through pub/sub (the echo is ignored by position).
        if (TryGetFeed(streamId) is { } local) Offer(local, events);
        return AppendOutcome.Written;
    }

    public async Task<FeedLease?> FollowAsync(string streamId, CancellationToken cancellationToken)
    {
        LocalFeed entry;
        var created = false;
        lock (_feedsLock)
        {
            if (!_feeds.TryGetValue(streamId, out entry!))
            {
                entry = new LocalFeed(new StreamFeed(streamId), _time.GetTimestamp());
                _feeds[streamId] = entry;
                created = true;
            }

            entry.References++;
        }

        try
        {
            if (created) _ = OpenAsync(entry);
            if (!await entry.Ready.Task.WaitAsync(cancellationToken).ConfigureAwait(false))
            {
                Release(entry);
                return null;
            }

            if (!entry.Feed.IsOver) Pulse(streamId);
            return new FeedLease(entry.Feed, () => Release(entry));
        }
        catch
        {
            Release(entry);
            throw;
        }
    }

    public async Task<CancelOutcome> RequestCancelAsync(string streamId, CancellationToken cancellationToken)
    {
        var result = (long)await RunAsync(() => _db.ScriptEvaluateAsync(RedisScripts.Cancel, [StateKey(streamId)], [_cancelChannel.ToString(), streamId])).ConfigureAwait(false);
        return result switch
        {
            2 => CancelOutcome.Requested,
            1 => CancelOutcome.AlreadyFinished,
            _ => CancelOutcome.Unknown,
        };
    }

    public async Task<ProducerTick> HeartbeatAsync(string streamId, CancellationToken cancellationToken)
    {
        var result = (RedisResult[])(await RunAsync(() => _db.ScriptEvaluateAsync(RedisScripts.Heartbeat,
            [StateKey(streamId), OwnerKey(streamId), EventsKey(streamId)],
            [Milliseconds(_options.Retention), Milliseconds(OwnerLease), _instanceId])).ConfigureAwait(false))!;
        var state = (long)result[0] switch
        {
            1 => StreamState.CancelRequested,
            2 => StreamState.EndedElsewhere,
            3 => StreamState.Gone,
            _ => StreamState.Running,
        };
        return new ProducerTick(state, (long)result[1]);
    }

    public void FailLocal(string streamId, string kind, string message)
    {
        if (TryGetFeed(streamId) is { } entry) Fail(entry, kind, message);
    }

    public async ValueTask DisposeAsync()
    {
        _redis.ConnectionFailed -= OnConnectionFailed;
        await _maintenance.DisposeAsync().ConfigureAwait(false);
        if (_ownsConnection)
        {
            await _redis.CloseAsync().ConfigureAwait(false);
            _redis.Dispose();
        }
    }

    private async Task OpenAsync(LocalFeed entry)
    {
        var id = entry.Feed.StreamId;
        try
        {
            // The `last` field, not just the key: a key holding anything else is no stream.
            if (!await RunAsync(() => _db.HashExistsAsync(StateKey(id), "last")).ConfigureAwait(false))
            {
                entry.Ready.TrySetResult(false);
                return;
            }

            // Subscribe first, then read: an event published in between arrives twice, and is kept once.
            entry.Handler = (_, message) => OnLive(entry, message);
            await RunAsync(() => _subscriber.SubscribeAsync(RedisChannel.Literal(LiveChannelName(id)), entry.Handler)).ConfigureAwait(false);
            await CatchUpAsync(entry).ConfigureAwait(false);
            entry.Ready.TrySetResult(true);
        }
        catch (Exception error)
        {
            entry.Ready.TrySetException(error);
        }
    }

    private void OnLive(LocalFeed entry, RedisValue message)
    {
        Offer(entry, LiveMessage.Decode(((ReadOnlyMemory<byte>)message).Span));
        if (entry.Feed.HasGap) _ = CatchUpSoonAsync(entry);
    }

    private void Offer(LocalFeed entry, IReadOnlyList<RelayEvent> events)
    {
        if (entry.Feed.Offer(events)) Volatile.Write(ref entry.LastProgress, _time.GetTimestamp());
    }

    /// <summary>
    /// Reads what the feed lacks from the Redis Stream. One read per feed at a time; each caller's read starts after
    /// its call, so no request is lost to one already running.
    /// </summary>
    private async Task CatchUpAsync(LocalFeed entry)
    {
        Interlocked.Increment(ref entry.CatchUpsWaiting);
        await entry.CatchUpGate.WaitAsync().ConfigureAwait(false);
        Interlocked.Decrement(ref entry.CatchUpsWaiting);
        try
        {
            var found = 0;
            while (!entry.Feed.IsOver)
            {
                var from = entry.Feed.LastSequence + 1;
                var page = await RunAsync(() => _db.StreamRangeAsync(EventsKey(entry.Feed.StreamId), "0-" + from.ToString(CultureInfo.InvariantCulture), "+", ReadPage)).ConfigureAwait(false);
                found += page.Length;
                if (page.Length == 0) break;
                Offer(entry, [.. page.Select(ToEvent)]);
                if (page.Length < ReadPage) break;
            }

            // Events were seen past a gap that the stream cannot fill: it is no longer in Redis.
            if (found == 0 && entry.Feed.HasGap && !await RunAsync(() => _db.HashExistsAsync(StateKey(entry.Feed.StreamId), "last")).ConfigureAwait(false))
                Fail(entry, RelayErrorKinds.StreamLost, LostMessage);
        }
        finally
        {
            entry.CatchUpGate.Release();
        }
    }

    /// <summary>A catch-up for a gap seen live: skipped when one is already waiting to start (it will read this gap too).</summary>
    private async Task CatchUpSoonAsync(LocalFeed entry)
    {
        if (Volatile.Read(ref entry.CatchUpsWaiting) > 0) return;
        try
        {
            await CatchUpAsync(entry).ConfigureAwait(false);
        }
        catch (RelayStoreUnavailableException error)
        {
            LogCatchUpFailed(error, entry.Feed.StreamId);
        }
    }

    private static RelayEvent ToEvent(StreamEntry entry)
    {
        var id = entry.Id.ToString();
        var sequence = long.Parse(id.AsSpan(id.IndexOf('-', StringComparison.Ordinal) + 1), NumberStyles.None, CultureInfo.InvariantCulture);
        string kind = RelayEventKinds.Error;
        byte[] data = [];
        foreach (var field in entry.Values)
        {
            if (field.Name == "k") kind = LiveMessage.Kind(((ReadOnlyMemory<byte>)field.Value).Span);
            else if (field.Name == "d") data = (byte[])field.Value!;
        }

        return new RelayEvent(sequence, kind, data);
    }

    /// <summary>
    /// Ends this instance's followers of a stream with a <c>relay_error</c>, and lets the next follower open a fresh
    /// feed (which answers 503 or 404 while the store cannot serve it, and follows again once it can).
    /// </summary>
    private void Fail(LocalFeed entry, string kind, string message)
    {
        if (!entry.Feed.Fail(kind, message)) return;
        lock (_feedsLock)
        {
            if (_feeds.TryGetValue(entry.Feed.StreamId, out var current) && current == entry) _feeds.Remove(entry.Feed.StreamId);
        }

        LogFeedFailed(entry.Feed.StreamId, kind);
    }

    /// <summary>The store is gone for this instance: every follower of an unfinished stream is told, none waits on.</summary>
    private void FailAll(string kind, string message)
    {
        LocalFeed[] feeds;
        lock (_feedsLock) feeds = [.. _feeds.Values];
        foreach (var entry in feeds)
        {
            if (entry.Ready.Task.IsCompletedSuccessfully && entry.Ready.Task.Result) Fail(entry, kind, message);
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        // Pub/sub messages are lost while the connection is down and commands wait for it: say so rather than keep
        // pages waiting on an instance that cannot serve them; the browser can follow again once Redis is back.
        LogConnectionFailed(e.Exception, e.ConnectionType, e.FailureType);
        FailAll(RelayErrorKinds.StoreUnavailable, UnavailableMessage);
    }

    private void Release(LocalFeed entry)
    {
        lock (_feedsLock)
        {
            if (--entry.References > 0) return;
            if (_feeds.TryGetValue(entry.Feed.StreamId, out var current) && current == entry) _feeds.Remove(entry.Feed.StreamId);
        }

        if (entry.Handler is { } handler) _ = UnsubscribeAsync(entry.Feed.StreamId, handler);
    }

    private async Task UnsubscribeAsync(string streamId, Action<RedisChannel, RedisValue> handler)
    {
        try
        {
            await _subscriber.UnsubscribeAsync(RedisChannel.Literal(LiveChannelName(streamId)), handler).ConfigureAwait(false);
        }
        catch (RedisException error)
        {
            LogUnsubscribeFailed(error, streamId);
        }
    }

    private LocalFeed? TryGetFeed(string streamId)
    {
        lock (_feedsLock) return _feeds.GetValueOrDefault(streamId);
    }

    /// <summary>Tells producers this instance has a follower (best effort; a lost pulse is sent again next tick).</summary>
    private void Pulse(string streamId)
    {
        try
        {
            _ = _db.ScriptEvaluateAsync(RedisScripts.Pulse, [StateKey(streamId)], flags: CommandFlags.FireAndForget);
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            // Presence is best effort; the next maintenance tick tries again.
        }
    }

    /// <summary>
    /// Once per heartbeat: tell producers this instance has followers, re-read feeds that went quiet (a lost pub/sub
    /// message), end streams whose producer stopped renewing its lease (its instance died), and fail the followers of
    /// every unfinished stream once Redis has been unreachable for the owner lease.
    /// </summary>
    private async Task MaintainAsync()
    {
        if (Interlocked.Exchange(ref _maintaining, 1) == 1) return;
        var started = _time.GetTimestamp();
        var failed = false;
        try
        {
            LocalFeed[] feeds;
            lock (_feedsLock) feeds = [.. _feeds.Values];
            await EnsureCancelSubscriptionAsync().ConfigureAwait(false);
            foreach (var entry in feeds)
            {
                if (!entry.Ready.Task.IsCompletedSuccessfully || !entry.Ready.Task.Result || entry.Feed.IsOver) continue;
                // One feed's failure is that feed's: the others are still looked after, unless the connection is down.
                if (!await TryAsync(() => MaintainFeedAsync(entry)).ConfigureAwait(false))
                {
                    failed = true;
                    if (!_redis.IsConnected) break;
                }
            }

            if (!failed)
            {
                Volatile.Write(ref _unreachableSince, 0);
            }
            else
            {
                Interlocked.CompareExchange(ref _unreachableSince, started, 0);
                if (_time.GetElapsedTime(Volatile.Read(ref _unreachableSince)) >= OwnerLease) FailAll(RelayErrorKinds.StoreUnavailable, UnavailableMessage);
            }
        }
        finally
        {
            Volatile.Write(ref _maintaining, 0);
        }
    }

    private async Task MaintainFeedAsync(LocalFeed entry)
    {
        var id = entry.Feed.StreamId;
        Pulse(id);
        var quiet = _time.GetElapsedTime(Volatile.Read(ref entry.LastProgress));
        if (quiet < _options.HeartbeatInterval && !entry.Feed.HasGap) return;
        await CatchUpAsync(entry).ConfigureAwait(false);
        if (entry.Feed.IsOver || quiet < OwnerLease) return;
        if (!await RunAsync(() => _db.KeyExistsAsync(OwnerKey(id))).ConfigureAwait(false)) await DeclareLostAsync(entry).ConfigureAwait(false);
    }

    private async Task<bool> TryAsync(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
            return true;
        }
        catch (RelayStoreUnavailableException error)
        {
            LogMaintenanceFailed(error);
            return false;
        }
    }

    /// <summary>
    /// The producer's lease ran out: store its end, once, at the next position (the append fails if it wrote
    /// meanwhile). When the stream's keys are gone (Redis restarted without persistence), there is nothing to end in
    /// the store: this instance's followers are told the stream was lost.
    /// </summary>
    private async Task DeclareLostAsync(LocalFeed entry)
    {
        var last = entry.Feed.LastSequence;
        var lost = new RelayEvent(last + 1, RelayEventKinds.Error,
            EventData.Error(RelayErrorKinds.ProducerLost, "The server running this stream stopped before it finished.", 0));
        switch (await AppendAsync(entry.Feed.StreamId, last, [lost], CancellationToken.None).ConfigureAwait(false))
        {
            case AppendOutcome.Written:
                LogDeclaredLost(entry.Feed.StreamId);
                break;
            case AppendOutcome.Gone:
                Fail(entry, RelayErrorKinds.StreamLost, LostMessage);
                break;
        }
    }

    private async Task EnsureCancelSubscriptionAsync()
    {
        if (_cancelSubscribed) return;
        try
        {
            await _subscriber.SubscribeAsync(_cancelChannel, (_, message) => CancelRequested?.Invoke(message.ToString())).ConfigureAwait(false);
            _cancelSubscribed = true;
        }
        catch (RedisException error)
        {
            LogSubscribeFailed(error);
        }
    }

    /// <summary>Runs a Redis command; any Redis failure becomes one clear message (details go to the log only).</summary>
    private async Task<T> RunAsync<T>(Func<Task<T>> command)
    {
        try
        {
            return await command().ConfigureAwait(false);
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            LogRedisFailed(error);
            throw new RelayStoreUnavailableException(UnavailableMessage, error);
        }
    }

    private async Task RunAsync(Func<Task> command) => await RunAsync(async () =>
    {
        await command().ConfigureAwait(false);
        return true;
    }).ConfigureAwait(false);

    private static long Milliseconds(TimeSpan span) => (long)Math.Ceiling(span.TotalMilliseconds);

    private RedisKey EventsKey(string id) => $"{_prefix}{{{id}}}:events";

    private RedisKey StateKey(string id) => $"{_prefix}{{{id}}}:state";

    private RedisKey OwnerKey(string id) => $"{_prefix}{{{id}}}:owner";

    private string LiveChannelName(string id) => $"{_prefix}{{{id}}}:live";

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Redis command of the relay failed.")]
    private partial void LogRedisFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catching up relay stream {StreamId} from Redis failed.")]
    private partial void LogCatchUpFailed(Exception error, string streamId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unsubscribing from relay stream {StreamId} failed.")]
    private partial void LogUnsubscribeFailed(Exception error, string streamId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The relay's Redis maintenance failed.")]
    private partial void LogMaintenanceFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to the relay's cancel channel failed; retrying.")]
    private partial void LogSubscribeFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relay stream {StreamId} lost its producer; ended it with producer_lost.")]
    private partial void LogDeclaredLost(string streamId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The relay's followers of stream {StreamId} on this instance were ended with {Kind}.")]
    private partial void LogFeedFailed(string streamId, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The relay's Redis connection ({ConnectionType}) failed: {FailureType}.")]
    private partial void LogConnectionFailed(Exception? error, ConnectionType connectionType, ConnectionFailureType failureType);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable", Justification = "A SemaphoreSlim holds nothing to dispose unless its AvailableWaitHandle is used, which it never is; disposing it could fail a catch-up still running.")]
    private sealed class LocalFeed(StreamFeed feed, long now)
    {
        public readonly StreamFeed Feed = feed;
        public readonly TaskCompletionSource<bool> Ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly SemaphoreSlim CatchUpGate = new(1, 1);
        public int References;
        public long LastProgress = now;
        public int CatchUpsWaiting;
        public Action<RedisChannel, RedisValue>? Handler;
    }
}
