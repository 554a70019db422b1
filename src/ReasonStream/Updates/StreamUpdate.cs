namespace ReasonStream;

/// <summary>
/// One typed event of a streamed response. Pattern-match on the concrete type:
/// <see cref="ReasoningDelta"/>, <see cref="AnswerDelta"/>, <see cref="ToolCallDelta"/>,
/// <see cref="UsageUpdate"/>, <see cref="StreamFinished"/> and the metadata updates.
/// </summary>
public abstract record StreamUpdate;

/// <summary>A piece of the model's thinking, exactly as sent (UTF-8 correct across any split of the bytes).</summary>
/// <param name="Text">The reasoning text of this delta; never empty.</param>
public sealed record ReasoningDelta(string Text) : StreamUpdate;

/// <summary>A piece of the model's answer, exactly as sent.</summary>
/// <param name="Text">The answer text of this delta; never empty.</param>
public sealed record AnswerDelta(string Text) : StreamUpdate;

/// <summary>
/// A fragment of a tool call. The first fragment of a call usually carries <paramref name="Id"/> and
/// <paramref name="Name"/>; later ones carry pieces of the JSON arguments. <see cref="ChatAccumulator"/>
/// joins them into complete <see cref="ToolCall"/>s.
/// </summary>
/// <param name="Index">Which tool call of the response this fragment belongs to.</param>
/// <param name="Id">The call's id, when this fragment carries it.</param>
/// <param name="Name">The function name, when this fragment carries it.</param>
/// <param name="ArgumentsFragment">A piece of the arguments JSON (possibly empty).</param>
public sealed record ToolCallDelta(int Index, string? Id, string? Name, string ArgumentsFragment) : StreamUpdate
{
    /// <summary>Gemini's <c>thoughtSignature</c> on this function call, to be passed back with it; null elsewhere.</summary>
    public string? Signature { get; init; }
}

/// <summary>
/// Closes a block of reasoning and carries what the provider needs back to continue from it in a later turn:
/// an Anthropic or Gemini signature, encrypted or redacted reasoning, or the Responses API's reasoning item.
/// The block's text is the reasoning streamed since the previous block ended; <see cref="ChatAccumulator"/>
/// pairs them into <see cref="ReasoningBlock"/>s.
/// </summary>
/// <param name="Protocol">The protocol that produced the block.</param>
public sealed record ReasoningBlockEnd(WireProtocol Protocol) : StreamUpdate
{
    /// <summary>Anthropic's thinking signature, or Gemini's <c>thoughtSignature</c>.</summary>
    public string? Signature { get; init; }

    /// <summary>Encrypted reasoning (Responses <c>encrypted_content</c>) or redacted thinking's data (Anthropic).</summary>
    public string? EncryptedContent { get; init; }

    /// <summary>True for Anthropic <c>redacted_thinking</c>: the provider hid this thinking; show a notice, keep the block.</summary>
    public bool IsRedacted { get; init; }

    /// <summary>The Responses API reasoning item exactly as received (JSON).</summary>
    public string? ItemJson { get; init; }
}

/// <summary>
/// The reasoning phase ended: the answer or a tool call begins (or the stream finishes while still thinking).
/// Sent once, just before the update that ended it, so every consumer — a renderer's "Thought for 12.4 s", a
/// summary, a log, telemetry — reads the same duration from the same clock.
/// </summary>
/// <param name="Duration">From the first reasoning token to the end of reasoning.</param>
public sealed record ReasoningEnded(TimeSpan Duration) : StreamUpdate;

/// <summary>
/// Raw <c>reasoning_details</c> items (OpenRouter) as JSON, kept so they can be passed back unchanged
/// in later requests. Their readable text is also reported as <see cref="ReasoningDelta"/>.
/// </summary>
/// <param name="Json">A JSON array of reasoning-detail objects, exactly as received.</param>
public sealed record ReasoningDetailsDelta(string Json) : StreamUpdate;

/// <summary>Token usage reported by the provider (usually near the end of the stream).</summary>
/// <param name="Usage">The counts.</param>
public sealed record UsageUpdate(TokenUsage Usage) : StreamUpdate;

/// <summary>
/// The HTTP response was accepted (2xx) and streaming begins. After this update no retry happens,
/// so output is never duplicated.
/// </summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="RequestId">The provider's request id header (<c>x-request-id</c> and similar), when sent.</param>
public sealed record ResponseStarted(int StatusCode, string? RequestId) : StreamUpdate
{
    /// <summary>The client's <see cref="ReasoningClientOptions.ReasoningOrigin"/>: <see cref="ChatAccumulator"/> stamps the reply's reasoning blocks and tool calls with it.</summary>
    public string? Origin { get; init; }
}

/// <summary>Identity of the response, reported once, from the first chunk that names it.</summary>
/// <param name="ResponseId">The completion id.</param>
/// <param name="Model">The model that actually served the request.</param>
/// <param name="Provider">The upstream provider, when a router (OpenRouter) names it.</param>
public sealed record StreamMetadata(string? ResponseId, string? Model, string? Provider) : StreamUpdate;

/// <summary>
/// The raw JSON payload of one event, emitted before the updates parsed from it when
/// <see cref="ReasoningClientOptions.IncludeRawChunks"/> is on: for fields this library does not model.
/// </summary>
/// <param name="EventType">The SSE event type (<c>message</c> unless the server named it).</param>
/// <param name="Json">The event's data, exactly as received.</param>
public sealed record RawChunk(string EventType, string Json) : StreamUpdate;

/// <summary>The stream ended normally. Always the last update of a successful stream.</summary>
/// <param name="FinishReason">
/// <c>stop</c>, <c>length</c> (truncated), <c>tool_calls</c>, <c>content_filter</c>, or the provider's own
/// value; <c>unknown</c> when the server ended the stream properly without naming a reason.
/// </param>
public sealed record StreamFinished(string FinishReason) : StreamUpdate
{
    /// <summary>True when the output was cut off by the token limit (<c>finish_reason: length</c>).</summary>
    public bool IsTruncated => FinishReasons.IsTruncation(FinishReason);
}
