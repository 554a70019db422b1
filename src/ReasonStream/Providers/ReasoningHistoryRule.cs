namespace ReasonStream;

/// <summary>Whether a provider wants an assistant's reasoning sent back in later requests.</summary>
public enum ReasoningHistoryRule
{
    /// <summary>Never send reasoning back (it is ignored or rejected).</summary>
    Never,

    /// <summary>
    /// DeepSeek thinking mode: every assistant message of a turn (between two user messages) that made
    /// tool calls carries its <c>reasoning_content</c> — even <c>""</c> — (and its reasoning blocks) in every later
    /// request; reasoning of turns without tool calls is not sent. Ollama's native API likewise.
    /// </summary>
    ToolCallTurns,

    /// <summary>OpenRouter: pass <c>reasoning_details</c> back unchanged on every assistant message that has them.</summary>
    ReasoningDetails,

    /// <summary>
    /// Send reasoning back on every assistant message that has it: <c>reasoning_content</c>, and the reasoning blocks
    /// the native protocols require unchanged (Anthropic thinking with signatures, Responses reasoning items, Gemini
    /// thought signatures).
    /// </summary>
    Always,
}
