namespace ReasonStream.Extensions.AI;

/// <summary>How a <see cref="ReasoningChatClient"/> fills in what <c>ChatOptions</c> leaves open.</summary>
public sealed class ReasoningChatClientOptions
{
    /// <summary>The model when <c>ChatOptions.ModelId</c> is not set; default: the provider preset's default model.</summary>
    public string? DefaultModel { get; set; }

    /// <summary>
    /// The thinking switch (<c>"thinking": {"type": …}</c>) for providers that take it. Default: enabled, sent
    /// explicitly. <c>ChatOptions.Reasoning.Effort = None</c> turns it off for one request.
    /// </summary>
    public bool? Thinking { get; set; }

    /// <summary>
    /// Overrides the preset's rule for sending reasoning back, e.g. <see cref="ReasoningHistoryRule.ToolCallTurns"/>
    /// for a DeepSeek model behind a custom endpoint. Default: the rule of the client's provider preset.
    /// </summary>
    public ReasoningHistoryRule? HistoryRule { get; set; }

    /// <summary>
    /// JSON type information for the application's own types in <c>ChatOptions.AdditionalProperties</c> and tool results
    /// (under Native AOT only source-generated types can be written). Tried before Microsoft.Extensions.AI's own. A value
    /// no options can write is left out — additional properties — or sent as its text — tool results — and logged; never a crash.
    /// </summary>
    public System.Text.Json.JsonSerializerOptions? JsonSerializerOptions { get; set; }
}
