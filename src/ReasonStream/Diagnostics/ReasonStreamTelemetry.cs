namespace ReasonStream;

/// <summary>
/// The names under which the client reports what only it can see of a stream — attempts and retry waits, time to the
/// first byte and the first token, stalls and timeouts, how each stream ended — through the BCL's
/// <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/>, as Npgsql does.
/// The GenAI conventions (a <c>chat {model}</c> span, token usage with reasoning tokens) come from Microsoft.Extensions.AI's
/// <c>UseOpenTelemetry()</c> over the <c>IChatClient</c> adapter, so every call is counted once.
/// Every measurement carries <c>reasonstream.protocol</c> (<c>chat</c>, <c>responses</c>, <c>anthropic</c>…), <c>server.address</c>
/// and <c>server.port</c>; the activity also the provider and the model, a <c>reasonstream.retry</c> event per retry, and the outcome.
/// Nothing is measured, and no activity made, while nobody listens.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddOpenTelemetry()
///     .WithTracing(t => t.AddSource(ReasonStreamTelemetry.SourceName))
///     .WithMetrics(m => m.AddMeter(ReasonStreamTelemetry.SourceName));
/// </code>
/// </example>
public static class ReasonStreamTelemetry
{
    /// <summary>The name of the activity source and the meter: <c>ReasonStream</c>.</summary>
    public const string SourceName = "ReasonStream";

    /// <summary>The activity of one stream, from sending the request to its end (<c>reasonstream.stream</c>).</summary>
    public const string StreamActivity = "reasonstream.stream";

    /// <summary>Attempts at the HTTP request, retries included (counter; tag <c>http.response.status_code</c> or <c>error.type</c>).</summary>
    public const string Attempts = "reasonstream.client.attempts";

    /// <summary>Time waited before a retry, in seconds (histogram; tag <c>http.response.status_code</c> or <c>error.type</c>).</summary>
    public const string RetryWait = "reasonstream.client.retry.wait";

    /// <summary>From sending the request to the response headers that were accepted, in seconds (histogram).</summary>
    public const string TimeToFirstByte = "reasonstream.client.time_to_first_byte";

    /// <summary>From sending the request to the first reasoning, answer or tool-call text, in seconds (histogram).</summary>
    public const string TimeToFirstToken = "reasonstream.client.time_to_first_token";

    /// <summary>Streams that ended, by <c>reasonstream.outcome</c>: the finish reason (<c>stop</c>, <c>length</c>, <c>tool_calls</c>…), the error kind in snake case (<c>rate_limited</c>, <c>stalled</c>, <c>first_token_timeout</c>…), <c>canceled</c>, or <c>abandoned</c> when the caller stopped reading first (counter).</summary>
    public const string Streams = "reasonstream.client.streams";

    /// <summary>How long streams took, from sending the request to their end, in seconds (histogram; tag <c>reasonstream.outcome</c>).</summary>
    public const string StreamDuration = "reasonstream.client.stream.duration";
}
