namespace ReasonStream;

/// <summary>One message of a conversation, in any protocol.</summary>
/// <remarks>
/// Whether an assistant message's reasoning is sent back is the provider's rule, not the caller's:
/// build requests through <see cref="Conversation"/> (or <see cref="ReasoningHistory"/>) and it is applied for you.
/// Set <see cref="ReasoningContent"/> directly only when you build the wire history yourself.
/// </remarks>
public sealed record Message
{
    /// <summary>Creates a message with the given role and text.</summary>
    /// <param name="role">Who speaks.</param>
    /// <param name="content">The text; may be null for an assistant message that only calls tools.</param>
    public Message(MessageRole role, string? content)
    {
        Role = role;
        Content = content;
    }

    /// <summary>Who speaks.</summary>
    public MessageRole Role { get; init; }

    /// <summary>The text of the message.</summary>
    public string? Content { get; init; }

    /// <summary>
    /// The assistant's reasoning, sent as <c>reasoning_content</c> when not null (DeepSeek requires it,
    /// even <c>""</c>, on assistant messages of tool-calling turns).
    /// </summary>
    public string? ReasoningContent { get; init; }

    /// <summary>OpenRouter <c>reasoning_details</c> (a JSON array), passed back unchanged when not null.</summary>
    public string? ReasoningDetails { get; init; }

    /// <summary>
    /// Reasoning blocks with what only the provider can read (signatures, encrypted or redacted reasoning, reasoning
    /// items), passed back unchanged by the protocol that produced them: Anthropic, the Responses API, Gemini.
    /// </summary>
    public IReadOnlyList<ReasoningBlock>? ReasoningBlocks { get; init; }

    /// <summary>The tool calls an assistant message made.</summary>
    public IReadOnlyList<ToolCall>? ToolCalls { get; init; }

    /// <summary>For a <see cref="MessageRole.Tool"/> message: the id of the call it answers.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>
    /// For a <see cref="MessageRole.Tool"/> message: the tool failed, and <see cref="Content"/> says how. Anthropic is told
    /// with <c>is_error</c>, Gemini with an <c>error</c> response; chat completions and Responses have no such field, so
    /// there the content alone says it.
    /// </summary>
    public bool IsError { get; init; }

    /// <summary>An optional participant name.</summary>
    public string? Name { get; init; }

    /// <summary>A system message.</summary>
    /// <param name="text">The instructions.</param>
    public static Message System(string text) => new(MessageRole.System, text);

    /// <summary>A user message.</summary>
    /// <param name="text">The question or instruction.</param>
    public static Message User(string text) => new(MessageRole.User, text);

    /// <summary>An assistant message, as the model gave it.</summary>
    /// <param name="text">The answer text (null when the message only calls tools).</param>
    /// <param name="reasoning">The reasoning that produced it, if any.</param>
    /// <param name="toolCalls">The tool calls it made, if any.</param>
    public static Message Assistant(string? text, string? reasoning = null, IReadOnlyList<ToolCall>? toolCalls = null) =>
        new(MessageRole.Assistant, text) { ReasoningContent = reasoning, ToolCalls = toolCalls is { Count: > 0 } ? toolCalls : null };

    /// <summary>True only for the same message object: comparing tool calls and reasoning blocks by value would mean nothing.</summary>
    /// <param name="other">The other message.</param>
    public bool Equals(Message? other) => ReferenceEquals(this, other);

    /// <inheritdoc />
    public override int GetHashCode() => global::System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <summary>The result of a tool call.</summary>
    /// <param name="toolCallId">The id of the call being answered.</param>
    /// <param name="content">The result, usually JSON text.</param>
    public static Message Tool(string toolCallId, string content) => new(MessageRole.Tool, content) { ToolCallId = toolCallId };

    /// <summary>The failure of a tool call, told to the model as a failure where the protocol can (<see cref="IsError"/>).</summary>
    /// <param name="toolCallId">The id of the call being answered.</param>
    /// <param name="error">What went wrong, for the model to read.</param>
    public static Message ToolError(string toolCallId, string error) => new(MessageRole.Tool, error) { ToolCallId = toolCallId, IsError = true };
}
