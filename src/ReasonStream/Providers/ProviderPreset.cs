namespace ReasonStream;

/// <summary>
/// What ReasonStream knows about one provider or local server: where it listens for each wire protocol it
/// speaks, which protocol to use by default, the key's environment variable, and its quirks. Copy one to adjust it:
/// <c>new ProviderPreset(Providers.DeepSeek) { ApiKeyVariables = ["MY_KEY"] }</c>.
/// </summary>
public sealed class ProviderPreset
{
    private readonly string _displayName;

    /// <summary>A preset for a server at <paramref name="baseUrl"/> speaking chat completions.</summary>
    /// <param name="name">Short name, as used by <c>reason --provider</c>.</param>
    /// <param name="baseUrl">The base URL for <see cref="Protocol"/>.</param>
    public ProviderPreset(string name, string baseUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseUrl);
        Name = name;
        BaseUrl = baseUrl;
        _displayName = name;
    }

    /// <summary>A copy of <paramref name="template"/>, to be adjusted with <c>init</c> properties.</summary>
    /// <param name="template">The preset to copy.</param>
    public ProviderPreset(ProviderPreset template)
    {
        ArgumentNullException.ThrowIfNull(template);
        Name = template.Name;
        _displayName = template._displayName;
        BaseUrl = template.BaseUrl;
        ApiKeyVariables = template.ApiKeyVariables;
        DefaultModel = template.DefaultModel;
        Protocol = template.Protocol;
        OtherProtocols = template.OtherProtocols;
        Dialect = template.Dialect;
        HistoryRule = template.HistoryRule;
        SupportsThinkingSwitch = template.SupportsThinkingSwitch;
        UsesMaxCompletionTokens = template.UsesMaxCompletionTokens;
        RequestsReasoningSummaries = template.RequestsReasoningSummaries;
        RetiredModels = template.RetiredModels;
        Notes = template.Notes;
    }

    /// <summary>Short name, as used by <c>reason --provider</c>.</summary>
    public string Name { get; init; }

    /// <summary>Human name.</summary>
    public string DisplayName { get => _displayName; init => _displayName = value; }

    /// <summary>The base URL for <see cref="Protocol"/> (the protocol appends its path, e.g. <c>/chat/completions</c>).</summary>
    public string BaseUrl { get; init; }

    /// <summary>The protocol used unless another is asked for. Default <see cref="WireProtocol.ChatCompletions"/>.</summary>
    public WireProtocol Protocol { get; init; } = WireProtocol.ChatCompletions;

    /// <summary>The other protocols the provider speaks, each with its base URL.</summary>
    public IReadOnlyDictionary<WireProtocol, string> OtherProtocols { get; init; } = new Dictionary<WireProtocol, string>();

    /// <summary>The environment variables that may hold the key, in order of preference; empty for servers that need none.</summary>
    public IReadOnlyList<string> ApiKeyVariables { get; init; } = [];

    /// <summary>The first of <see cref="ApiKeyVariables"/>, or null.</summary>
    public string? ApiKeyVariable => ApiKeyVariables.Count > 0 ? ApiKeyVariables[0] : null;

    /// <summary>A sensible model to start with.</summary>
    public string DefaultModel { get; init; } = "default";

    /// <summary>How the provider spells reasoning in chat completions.</summary>
    public ReasoningDialect Dialect { get; init; } = ReasoningDialect.Auto;

    /// <summary>
    /// Whether reasoning goes back in later chat-completions requests. The native protocols carry their own rule
    /// (<see cref="HistoryRuleFor"/>).
    /// </summary>
    public ReasoningHistoryRule HistoryRule { get; init; } = ReasoningHistoryRule.Never;

    /// <summary>True when the provider takes DeepSeek's <c>thinking: {type}</c> switch; the switch is then always sent.</summary>
    public bool SupportsThinkingSwitch { get; init; }

    /// <summary>True when the token limit must be sent as <c>max_completion_tokens</c> (OpenAI reasoning models).</summary>
    public bool UsesMaxCompletionTokens { get; init; }

    /// <summary>
    /// True when Responses API requests ask for reasoning summaries (<c>reasoning.summary: auto</c>) and keep no state
    /// (<c>store: false</c> with encrypted reasoning): OpenAI's hosted reasoning models show no other reasoning.
    /// </summary>
    public bool RequestsReasoningSummaries { get; init; }

    /// <summary>Retired model names and what replaces them, for a helpful hint when the server rejects one.</summary>
    public IReadOnlyDictionary<string, string> RetiredModels { get; init; } = new Dictionary<string, string>();

    /// <summary>Quirks worth knowing, in one line.</summary>
    public string? Notes { get; init; }

    /// <summary>Every protocol the provider speaks, the default first.</summary>
    public IReadOnlyList<WireProtocol> Protocols => [Protocol, .. WireProtocols.All.Where(p => p != Protocol && OtherProtocols.ContainsKey(p))];

    /// <summary>The base URL for <paramref name="protocol"/>, or null when the provider does not speak it.</summary>
    /// <param name="protocol">The protocol.</param>
    public string? BaseUrlFor(WireProtocol protocol) =>
        protocol == Protocol ? BaseUrl : OtherProtocols.TryGetValue(protocol, out var url) ? url : null;

    /// <summary>
    /// The rule for sending reasoning back over <paramref name="protocol"/>: <see cref="HistoryRule"/> for chat
    /// completions; the native protocols pass their reasoning blocks back always (their APIs require it in tool loops),
    /// and Ollama's on turns that called tools.
    /// </summary>
    /// <param name="protocol">The protocol requests go over.</param>
    public ReasoningHistoryRule HistoryRuleFor(WireProtocol protocol) => protocol switch
    {
        WireProtocol.ChatCompletions => HistoryRule,
        WireProtocol.OllamaChat => ReasoningHistoryRule.ToolCallTurns,
        _ => ReasoningHistoryRule.Always,
    };

    /// <inheritdoc />
    public override string ToString() => Name;
}
