namespace ReasonStream.AspNetCore;

/// <summary>Per-endpoint behaviour of a relay mapped with <c>MapReasoningRelay</c>.</summary>
public sealed class RelayEndpointOptions
{
    /// <summary>
    /// False (the default): a stream runs to completion whoever watches it, so a reload or a dropped phone connection
    /// loses nothing and the result can be archived. True: the upstream request is cancelled once no browser has
    /// followed the stream, on any instance, for <see cref="DisconnectGracePeriod"/> (a reload within it continues).
    /// </summary>
    public bool CancelOnDisconnect { get; set; }

    /// <summary>
    /// How long a stream of a <see cref="CancelOnDisconnect"/> endpoint may go unfollowed, counted from its start and
    /// from its last follower leaving. Default: 5 seconds; checked once per heartbeat (about a second).
    /// </summary>
    public TimeSpan DisconnectGracePeriod
    {
        get;
        set => field = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The grace period must not be negative.");
    } = TimeSpan.FromSeconds(5);
}
