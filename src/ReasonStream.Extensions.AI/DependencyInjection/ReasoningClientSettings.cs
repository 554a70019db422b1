namespace ReasonStream.Extensions.AI;

/// <summary>
/// Settings for a <see cref="ReasoningClient"/> registered in dependency injection, bindable from configuration
/// (e.g. the <c>ReasonStream</c> section of <c>appsettings.json</c>). Unset values fall back to the provider preset.
/// </summary>
/// <example>
/// <code>
/// "ReasonStream": { "Provider": "deepseek", "Model": "deepseek-flash", "ApiKeyEnvironmentVariable": "DEEPSEEK_API_KEY", "StallTimeout": "00:01:00" }
/// </code>
/// </example>
public sealed class ReasoningClientSettings
{
    /// <summary>The preset's short name (<c>deepseek</c>, <c>openrouter</c>, <c>vllm</c>…; see <see cref="Providers.All"/>). Default <c>deepseek</c>.</summary>
    public string? Provider { get; set; }

    /// <summary>The base URL; default: the preset's for <see cref="Protocol"/>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>
    /// The wire protocol — <c>chat</c>, <c>responses</c>, <c>anthropic</c>, <c>gemini</c>, <c>ollama</c> — when not the
    /// preset's (which must speak it, unless <see cref="BaseUrl"/> is set).
    /// </summary>
    public string? Protocol { get; set; }

    /// <summary>The API key. Prefer <see cref="ApiKeyEnvironmentVariable"/> or a secret store; never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The environment variable holding the key when <see cref="ApiKey"/> is not set; default: the preset's (any of them).</summary>
    public string? ApiKeyEnvironmentVariable { get; set; }

    /// <summary>The default model of the chat client; default: the preset's.</summary>
    public string? Model { get; set; }

    /// <summary>The thinking switch for providers that take it (default enabled).</summary>
    public bool? Thinking { get; set; }

    /// <summary>Overrides <see cref="ReasoningClientOptions.ConnectTimeout"/>.</summary>
    public TimeSpan? ConnectTimeout { get; set; }

    /// <summary>Overrides <see cref="ReasoningClientOptions.FirstTokenTimeout"/>.</summary>
    public TimeSpan? FirstTokenTimeout { get; set; }

    /// <summary>Overrides <see cref="ReasoningClientOptions.StallTimeout"/>.</summary>
    public TimeSpan? StallTimeout { get; set; }

    /// <summary>Overrides <see cref="RetryPolicy.MaxRetries"/> (retries happen only before the first update).</summary>
    public int? MaxRetries { get; set; }

    /// <summary>Overrides the preset's rule for sending reasoning back (useful for a custom <see cref="BaseUrl"/>).</summary>
    public ReasoningHistoryRule? HistoryRule { get; set; }

    /// <summary>Overrides the preset's reasoning dialect (e.g. <see cref="ReasoningDialect.ThinkTagsOpen"/>).</summary>
    public ReasoningDialect? Dialect { get; set; }

    /// <summary>The client options these settings describe.</summary>
    /// <exception cref="InvalidOperationException">
    /// The provider or protocol name is unknown, the provider does not speak the protocol, the base URL is not absolute,
    /// or no key was found for a provider that needs one (the message names the variable to set).
    /// </exception>
    public ReasoningClientOptions ToClientOptions()
    {
        var preset = Provider is null ? Providers.DeepSeek : Providers.Find(Provider)
            ?? throw new InvalidOperationException($"Unknown ReasonStream provider '{Provider}'. Known: {string.Join(", ", Providers.All.Select(p => p.Name))}.");
        WireProtocol? protocol = Protocol is null ? null : WireProtocols.TryParse(Protocol, out var named) ? named
            : throw new InvalidOperationException($"Unknown ReasonStream protocol '{Protocol}'. Known: {string.Join(", ", WireProtocols.All.Select(WireProtocols.NameOf))}.");
        if (BaseUrl is not null && !Uri.TryCreate(BaseUrl, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException($"The ReasonStream base URL '{BaseUrl}' is not an absolute URL.");
        }

        string baseUrl = BaseUrl ?? preset.BaseUrlFor(protocol ?? preset.Protocol) ?? throw new InvalidOperationException(
            $"ReasonStream provider '{preset.Name}' does not speak {WireProtocols.Describe(protocol!.Value)}; it speaks {string.Join(", ", preset.Protocols.Select(WireProtocols.NameOf))}. Set BaseUrl for another server.");
        var options = new ReasoningClientOptions { Provider = preset, Protocol = protocol, BaseUri = new Uri(baseUrl) };
        IReadOnlyList<string> variables = ApiKeyEnvironmentVariable is { } chosen ? [chosen] : preset.ApiKeyVariables;
        if (!string.IsNullOrEmpty(ApiKey))
        {
            options.ApiKey = ApiKey;
            options.ApiKeySource = "the ApiKey setting";
        }
        else if (options.UseApiKeyFromEnvironment(variables) is null && variables.Count > 0 && !options.BaseUri.IsLoopback)
        {
            // Fail at start-up, naming what to set, rather than at the first request with a 401.
            throw new InvalidOperationException(
                $"No API key for ReasonStream provider '{preset.Name}': set the environment variable {string.Join(" or ", variables)}, or the ApiKey setting.");
        }

        if (ConnectTimeout is { } connect) options.ConnectTimeout = connect;
        if (FirstTokenTimeout is { } firstToken) options.FirstTokenTimeout = firstToken;
        if (StallTimeout is { } stall) options.StallTimeout = stall;
        if (MaxRetries is { } retries) options.Retry = options.Retry with { MaxRetries = retries };
        options.Dialect = Dialect;
        return options;
    }

    /// <summary>The chat client defaults these settings describe.</summary>
    public ReasoningChatClientOptions ToChatClientOptions() => new()
    {
        DefaultModel = Model,
        Thinking = Thinking,
        HistoryRule = HistoryRule,
    };
}
