namespace ReasonStream;

/// <summary>
/// Everything a streamed response said, folded together. Also the partial output carried by errors. Copy and adjust
/// it with <c>with { … }</c>; two results are equal only when they are the same object.
/// </summary>
public sealed record ChatResult
{
    /// <summary>The full reasoning text ("" when the model gave none).</summary>
    public string Reasoning { get; init; } = "";

    /// <summary>The full answer text.</summary>
    public string Answer { get; init; } = "";

    /// <summary>Complete tool calls, in the order of their index.</summary>
    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];

    /// <summary>OpenRouter <c>reasoning_details</c> as a JSON array, merged from the stream, to pass back unchanged.</summary>
    public string? ReasoningDetails { get; init; }

    /// <summary>
    /// The reasoning in the blocks the provider wants back (Anthropic thinking with signatures, redacted thinking,
    /// Responses reasoning items, Gemini thought signatures); empty for chat-completions streams.
    /// </summary>
    public IReadOnlyList<ReasoningBlock> ReasoningBlocks { get; init; } = [];

    /// <summary>The usage, when the provider reported it.</summary>
    public TokenUsage? Usage { get; init; }

    /// <summary>Why the stream ended; null when it did not end properly (see <see cref="IsComplete"/>).</summary>
    public string? FinishReason { get; init; }

    /// <summary>True when the stream ended normally (a <see cref="StreamFinished"/> arrived).</summary>
    public bool IsComplete => FinishReason is not null;

    /// <summary>True when the output was cut off by the token limit.</summary>
    public bool IsTruncated => FinishReasons.IsTruncation(FinishReason);

    /// <summary>
    /// True when truncation struck before any answer: the reasoning used the whole budget.
    /// Raise the token limit (or lower the effort) to get an answer.
    /// </summary>
    public bool ReasoningExhaustedBudget => IsTruncated && Answer.Length == 0 && ToolCalls.Count == 0;

    /// <summary>The completion id.</summary>
    public string? ResponseId { get; init; }

    /// <summary>The model that served the request.</summary>
    public string? Model { get; init; }

    /// <summary>The upstream provider, when a router named it.</summary>
    public string? Provider { get; init; }

    /// <summary>When things happened.</summary>
    public StreamTimings Timings { get; init; } = new();

    /// <summary>
    /// Generated tokens per second — reasoning included (<see cref="TokenUsage.OutputTokens"/>) — from the first token
    /// to the end; null without usage or timings.
    /// </summary>
    public double? OutputTokensPerSecond
    {
        get
        {
            TimeSpan? first = Timings.TimeToFirstReasoning is { } r && (Timings.TimeToFirstAnswer is not { } a || r < a) ? r : Timings.TimeToFirstAnswer;
            if (first is not { } start || Usage?.OutputTokens is not { } tokens || tokens <= 0) return null;
            double seconds = (Timings.Total - start).TotalSeconds;
            return seconds > 0.001 ? tokens / seconds : null;
        }
    }

    /// <summary>True only for the same result object.</summary>
    /// <param name="other">The other result.</param>
    public bool Equals(ChatResult? other) => ReferenceEquals(this, other);

    /// <inheritdoc />
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <summary>
    /// This response as an assistant message for the next request, carrying its reasoning and tool calls;
    /// <see cref="Conversation"/> decides what of it the provider gets back.
    /// </summary>
    public Message ToAssistantMessage() => new(MessageRole.Assistant, Answer.Length == 0 && ToolCalls.Count > 0 ? null : Answer)
    {
        ReasoningContent = Reasoning,
        ReasoningDetails = ReasoningDetails,
        ReasoningBlocks = ReasoningBlocks.Count > 0 ? ReasoningBlocks : null,
        ToolCalls = ToolCalls.Count > 0 ? ToolCalls : null,
    };
}
