namespace ReasonStream;

/// <summary>The finish reasons with a meaning of their own, and their normalisation across wire formats.</summary>
public static class FinishReasons
{
    /// <summary>The model ended its turn.</summary>
    public const string Stop = "stop";

    /// <summary>The output hit the token limit: the answer (or the reasoning) is cut off.</summary>
    public const string Length = "length";

    /// <summary>The model asked for tool calls.</summary>
    public const string ToolCalls = "tool_calls";

    /// <summary>The provider's filter stopped the output.</summary>
    public const string ContentFilter = "content_filter";

    /// <summary>The stream ended properly but named no reason.</summary>
    public const string Unknown = "unknown";

    /// <summary>True for the reasons that mean the output was truncated by a token limit.</summary>
    /// <param name="finishReason">A finish reason as reported in <see cref="StreamFinished"/>.</param>
    public static bool IsTruncation(string? finishReason) =>
        finishReason is Length or "max_tokens" or "max_output_tokens" or "MAX_TOKENS";

    /// <summary>
    /// Maps the reasons of other wire formats (Anthropic <c>end_turn</c>, <c>tool_use</c>, <c>max_tokens</c>,
    /// <c>refusal</c>; Responses API <c>max_output_tokens</c>; Gemini <c>STOP</c>, <c>MAX_TOKENS</c>, <c>SAFETY</c>)
    /// onto the chat-completions names; others pass through.
    /// </summary>
    /// <param name="nativeReason">The reason as the provider sent it.</param>
    public static string Normalize(string nativeReason) => nativeReason switch
    {
        "end_turn" or "stop_sequence" or "completed" or "STOP" => Stop,
        "max_tokens" or "max_output_tokens" or "MAX_TOKENS" or "model_context_window_exceeded" => Length,
        "tool_use" => ToolCalls,
        "refusal" or "content_filter" or "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" => ContentFilter,
        _ => nativeReason,
    };
}
