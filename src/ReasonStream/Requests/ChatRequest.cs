using System.Text.Json.Nodes;

namespace ReasonStream;

/// <summary>
/// A streaming request, in any protocol. The model is a free string: switching models, or using a model this
/// library has never heard of, needs no code. Copy and adjust it with <c>with { … }</c>; two requests are equal only
/// when they are the same object (comparing their message lists by value would mean nothing).
/// </summary>
public sealed record ChatRequest
{
    /// <summary>A request for <paramref name="model"/> with the conversation so far.</summary>
    /// <param name="model">The model name, e.g. <c>deepseek-flash</c>.</param>
    /// <param name="messages">The conversation so far.</param>
    public ChatRequest(string model, IReadOnlyList<Message> messages)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(messages);
        Model = model;
        Messages = messages;
    }

    /// <summary>The model name, e.g. <c>deepseek-flash</c>.</summary>
    public string Model { get; init; }

    /// <summary>The conversation so far.</summary>
    public IReadOnlyList<Message> Messages { get; init; }

    /// <summary>Upper bound of generated tokens (sent as <c>max_tokens</c>, or <c>max_completion_tokens</c> where the provider wants that).</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Sampling temperature. Thinking models often ignore or reject it: the server's message is surfaced.</summary>
    public double? Temperature { get; init; }

    /// <summary>Nucleus sampling.</summary>
    public double? TopP { get; init; }

    /// <summary>Stop sequences.</summary>
    public IReadOnlyList<string>? Stop { get; init; }

    /// <summary>Functions the model may call.</summary>
    public IReadOnlyList<ToolDefinition>? Tools { get; init; }

    /// <summary>Whether and which tool must be called.</summary>
    public ToolChoice? ToolChoice { get; init; }

    /// <summary>The shape of the answer.</summary>
    public ResponseFormat? ResponseFormat { get; init; }

    /// <summary>Reasoning effort (<c>reasoning_effort</c>): e.g. <c>low</c>, <c>medium</c>, <c>high</c>, <c>max</c>; provider-dependent.</summary>
    public string? ReasoningEffort { get; init; }

    /// <summary>
    /// DeepSeek-style thinking switch, sent as <c>"thinking": {"type": "enabled" | "disabled"}</c> when set
    /// (DeepSeek, Moonshot, GLM). Leave null for providers that do not know the field.
    /// </summary>
    public bool? Thinking { get; init; }

    /// <summary>Ask for a usage chunk with <c>stream_options.include_usage</c> (default on).</summary>
    public bool IncludeUsage { get; init; } = true;

    /// <summary>
    /// Provider-specific top-level body fields, written as given (e.g. Qwen <c>enable_thinking</c>,
    /// OpenRouter <c>reasoning</c>, vLLM <c>chat_template_kwargs</c>). A field named here overrides the
    /// one this library would write.
    /// </summary>
    public IReadOnlyDictionary<string, JsonNode?>? ExtraBody { get; init; }

    /// <summary>True only for the same request object.</summary>
    /// <param name="other">The other request.</param>
    public bool Equals(ChatRequest? other) => ReferenceEquals(this, other);

    /// <inheritdoc />
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}
