namespace ReasonStream.AspNetCore;

/// <summary>
/// The <c>kind</c> of an <c>error</c> event that the relay itself causes. Upstream failures use the library's
/// <see cref="ReasonStreamErrorKind"/> in snake_case (<c>interrupted</c>, <c>rate_limited</c>, …).
/// </summary>
internal static class RelayErrorKinds
{
    /// <summary>Someone pressed stop (a cancel request, from any instance).</summary>
    public const string Canceled = "canceled";

    /// <summary>No browser followed the stream for the grace period of an endpoint that cancels on disconnect.</summary>
    public const string Abandoned = "abandoned";

    /// <summary>The stream reached the per-stream event cap.</summary>
    public const string EventLimit = "event_limit";

    /// <summary>The instance that ran the stream stopped (shut down or died) before it finished.</summary>
    public const string ProducerLost = "producer_lost";

    /// <summary>The store (Redis) could not be reached; the stream could not be stored or followed.</summary>
    public const string StoreUnavailable = "store_unavailable";

    /// <summary>The stream's keys vanished from the store while it ran (Redis restarted without persistence, or evicted them).</summary>
    public const string StreamLost = "stream_lost";

    /// <summary>The message of <see cref="StreamLost"/>.</summary>
    public const string StreamLostMessage = "The stream's events are gone from the relay's store (Redis lost them, or they expired) before it finished.";

    /// <summary>The message of <see cref="StoreUnavailable"/>.</summary>
    public const string StoreUnavailableMessage = "The relay's store (Redis) is unavailable; try again shortly.";

    /// <summary>A bug or an unexpected exception in the update source.</summary>
    public const string Internal = "internal";

    /// <summary>The library's kind in snake_case: <c>FirstTokenTimeout</c> → <c>first_token_timeout</c>.</summary>
    public static string From(ReasonStreamErrorKind kind) => SnakeCase(kind.ToString());

    internal static string SnakeCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0) builder.Append('_');
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
