namespace ReasonStream.AspNetCore;

/// <summary>
/// Settings of the relay, shared by every endpoint of the application. Limits protect the server: a stream over a
/// limit is refused or ended with an <c>error</c> event that says which limit, never left hanging.
/// </summary>
public sealed class ReasoningRelayOptions
{
    /// <summary>
    /// How long a stream's events stay resumable after it finished (or, on Redis, after its producer was last heard
    /// from). Default: 1 hour. Finished exchanges outlive this only in an archive (<see cref="IExchangeArchive"/>).
    /// </summary>
    public TimeSpan Retention
    {
        get;
        set => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The retention must be positive.");
    } = TimeSpan.FromHours(1);

    /// <summary>
    /// How many streams one instance runs at once; a start beyond it is answered 429 with <c>Retry-After</c>.
    /// Followers do not count. Default: 100.
    /// </summary>
    public int MaxConcurrentStreams
    {
        get;
        set => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one stream must be allowed.");
    } = 100;

    /// <summary>
    /// The most events one stream may have, its terminal event included. When the stream reaches it, the upstream
    /// request is cancelled and the stream ends with an <c>error</c> event of kind <c>event_limit</c>, which is the
    /// last of the <see cref="MaxEventsPerStream"/> events. This bounds the number of events (each costs a position,
    /// a Redis Stream entry, an SSE frame), not bytes: text pieces that pile up while the store is busy are joined
    /// into one event, so what a stream holds is its whole text (reasoning, answer, tool arguments), which the
    /// model's output limit (<c>MaxTokens</c>) bounds. Default: 20,000.
    /// </summary>
    public int MaxEventsPerStream
    {
        get;
        set => field = value > 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A stream needs room for at least two events.");
    } = 20_000;

    /// <summary>How often an idle event stream gets an SSE comment so that proxies keep it open. Default: 15 seconds.</summary>
    public TimeSpan KeepAliveInterval
    {
        get;
        set => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The keep-alive interval must be positive.");
    } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The reconnection delay the browser is told (the SSE <c>retry:</c> field) for when its connection drops.
    /// Default: 1 second.
    /// </summary>
    public TimeSpan ReconnectDelay
    {
        get;
        set => field = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The reconnection delay must not be negative.");
    } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often a running stream's producer renews its claim and checks for cancel requests and followers; on Redis
    /// a stream whose producer missed several ticks (its instance died) is ended with <c>producer_lost</c>. Default: 1 second.
    /// </summary>
    internal TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Missed heartbeats after which a producer counts as lost (Redis only).</summary>
    internal int MissedHeartbeatsForLoss { get; set; } = 5;
}
