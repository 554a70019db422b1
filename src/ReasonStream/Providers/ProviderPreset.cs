namespace ReasonStream;

/// <summary>What ReasonStream knows about one provider or local server.</summary>
/// <param name="Name">Short name, as used by <c>reason --provider</c>.</param>
/// <param name="DisplayName">Human name.</param>
/// <param name="BaseUrl">The OpenAI-compatible base URL; the client appends <c>/chat/completions</c>.</param>
/// <param name="ApiKeyVariable">The environment variable holding the key; null for local servers that need none.</param>
/// <param name="DefaultModel">A sensible model to start with.</param>
public sealed record ProviderPreset(string Name, string DisplayName, string BaseUrl, string? ApiKeyVariable, string DefaultModel)
{
    /// <summary>How the provider spells reasoning.</summary>
    public ReasoningDialect Dialect { get; init; } = ReasoningDialect.Auto;

    /// <summary>Whether reasoning goes back in later requests.</summary>
    public ReasoningHistoryRule HistoryRule { get; init; } = ReasoningHistoryRule.Never;

    /// <summary>True when the provider takes DeepSeek's <c>thinking: {type}</c> switch.</summary>
    public bool SupportsThinkingSwitch { get; init; }

    /// <summary>True when the token limit must be sent as <c>max_completion_tokens</c> (OpenAI reasoning models).</summary>
    public bool UsesMaxCompletionTokens { get; init; }

    /// <summary>Retired model names and what replaces them, for a helpful hint when the server rejects one.</summary>
    public IReadOnlyDictionary<string, string> RetiredModels { get; init; } = new Dictionary<string, string>();

    /// <summary>Quirks worth knowing, in one line.</summary>
    public string? Notes { get; init; }
}
