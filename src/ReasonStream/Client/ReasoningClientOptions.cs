namespace ReasonStream;

/// <summary>Where to send requests, with which key, and how patient to be.</summary>
public sealed class ReasoningClientOptions
{
    /// <summary>The base URL; the protocol's path (e.g. <c>chat/completions</c>, <c>responses</c>, <c>v1/messages</c>) is appended.</summary>
    public Uri BaseUri { get; set; } = new(Providers.DeepSeek.BaseUrl);

    /// <summary>
    /// Overrides the protocol's relative path (e.g. <c>openai/deployments/x/chat/completions</c>); null uses the
    /// protocol's own. For Gemini, <c>{model}</c> in it is replaced by the model.
    /// </summary>
    public string? EndpointPath { get; set; }

    /// <summary>Overrides the preset's wire protocol when set; see <see cref="EffectiveProtocol"/>.</summary>
    public WireProtocol? Protocol { get; set; }

    /// <summary>The protocol in force: the override, else the preset's.</summary>
    public WireProtocol EffectiveProtocol => Protocol ?? Provider.Protocol;

    /// <summary>Overrides the rule for sending reasoning back; null uses <see cref="ProviderPreset.HistoryRuleFor"/> of the protocol in force.</summary>
    public ReasoningHistoryRule? HistoryRule { get; set; }

    /// <summary>The rule for sending reasoning back in force: the override, else the preset's for the protocol in force.</summary>
    public ReasoningHistoryRule EffectiveHistoryRule => HistoryRule ?? Provider.HistoryRuleFor(EffectiveProtocol);

    /// <summary>
    /// The largest event (one SSE event's data, or one NDJSON line) accepted, in bytes: a larger one is a
    /// <see cref="StreamProtocolException"/>, so a hostile or broken server cannot make the client hold unbounded memory.
    /// Default 32 MiB.
    /// </summary>
    public int MaxEventSize { get; set; } = 32 * 1024 * 1024;

    /// <summary>The API key, sent as a Bearer token; null for local servers that need none. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Where the key came from (e.g. <c>environment variable DEEPSEEK_API_KEY</c>), named in authentication errors.</summary>
    public string? ApiKeySource { get; set; }

    /// <summary>The provider's preset: dialect, history rule, quirks. Default DeepSeek.</summary>
    public ProviderPreset Provider { get; set; } = Providers.DeepSeek;

    /// <summary>Overrides the preset's dialect when set.</summary>
    public ReasoningDialect? Dialect { get; set; }

    /// <summary>How long to wait for a TCP/TLS connection. Default 15 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long to wait from sending the request to the first data event; keep-alive comments are expected
    /// meanwhile and do not count. Default 10 minutes (DeepSeek gives up after 10 minutes in its queue).
    /// </summary>
    public TimeSpan FirstTokenTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Once data flows, the longest silence between data events before the stream counts as stalled;
    /// comments do not reset it. Default 2 minutes. <see cref="Timeout.InfiniteTimeSpan"/> disables it.
    /// </summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries before the response is accepted.</summary>
    public RetryPolicy Retry { get; set; } = RetryPolicy.Default;

    /// <summary>
    /// Called before each wait between attempts, with the failure being retried and how long the wait is (e.g. to show
    /// "429: retrying in 2.1 s"). Runs on the request's own flow: keep it quick, and do not throw from it.
    /// </summary>
    public Action<RetryNotice>? OnRetry { get; set; }

    /// <summary>
    /// Keep the text received so far so that errors can carry it (default on). Turn off only to hold
    /// memory flat for endless streams you do not accumulate.
    /// </summary>
    public bool KeepPartialOutput { get; set; } = true;

    /// <summary>Emit a <see cref="RawChunk"/> before the updates of each event.</summary>
    public bool IncludeRawChunks { get; set; }

    /// <summary>Extra request headers (e.g. OpenRouter's <c>HTTP-Referer</c>).</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The dialect in force: the override, else the preset's.</summary>
    public ReasoningDialect EffectiveDialect => Dialect ?? Provider.Dialect;

    /// <summary>
    /// Where this client's reasoning is valid: by default the endpoint — host, port when not the default, and base path,
    /// e.g. <c>api.anthropic.com</c> or <c>api.deepseek.com/anthropic</c> (never credentials or a query). Replies are
    /// stamped with it, and signed, redacted or encrypted reasoning and Gemini's call signatures go back only to the same
    /// value (compared as an opaque string): another endpoint, even one speaking the same protocol, rejects them. Set it
    /// to declare endpoints one place (a proxy, a regional or failover host) or to keep apart accounts that share one.
    /// </summary>
    public string ReasoningOrigin
    {
        get => field ?? OriginOf(BaseUri);
        set => field = string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>An endpoint as an origin of reasoning: host (IDN as punycode, no trailing dot), non-default port, base path.</summary>
    private static string OriginOf(Uri baseUri)
    {
        string host = baseUri.IdnHost.TrimEnd('.');
        string port = baseUri.IsDefaultPort ? "" : ":" + baseUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return host + port + baseUri.AbsolutePath.TrimEnd('/');
    }

    /// <summary>The full URL requests for <paramref name="model"/> go to (the model is part of it for Gemini).</summary>
    /// <param name="model">The model of the request.</param>
    public Uri EndpointFor(string model) => ProtocolModule.For(EffectiveProtocol).EndpointFor(BaseUri, EndpointPath, model);

    /// <summary>An endpoint as shown in messages: never with credentials from the URL's user-info, nor its query.</summary>
    internal static string Display(Uri endpoint) => endpoint.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    /// <summary>DeepSeek, with the key given or read from <c>DEEPSEEK_API_KEY</c>.</summary>
    /// <param name="apiKey">The key; null reads the environment.</param>
    public static ReasoningClientOptions DeepSeek(string? apiKey = null) => ForProvider(Providers.DeepSeek, apiKey);

    /// <summary>A preset, with the key given or read from the preset's environment variables.</summary>
    /// <param name="preset">The provider.</param>
    /// <param name="apiKey">The key; null reads the first of <see cref="ProviderPreset.ApiKeyVariables"/> that is set.</param>
    /// <param name="protocol">A protocol other than the preset's default, among those it speaks.</param>
    /// <exception cref="ArgumentException">The provider does not speak <paramref name="protocol"/>.</exception>
    public static ReasoningClientOptions ForProvider(ProviderPreset preset, string? apiKey = null, WireProtocol? protocol = null)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var chosen = protocol ?? preset.Protocol;
        string baseUrl = preset.BaseUrlFor(chosen) ?? throw new ArgumentException(
            $"{preset.DisplayName} does not speak {WireProtocols.Describe(chosen)}; it speaks {string.Join(", ", preset.Protocols.Select(WireProtocols.NameOf))}.", nameof(protocol));
        var options = new ReasoningClientOptions { BaseUri = new Uri(baseUrl), Provider = preset, Protocol = protocol };
        if (apiKey is not null)
        {
            options.ApiKey = apiKey;
            options.ApiKeySource = "the key passed in code";
        }
        else
        {
            options.UseApiKeyFromEnvironment(preset.ApiKeyVariables);
        }

        return options;
    }

    /// <summary>
    /// Takes the key from the first of <paramref name="variables"/> that is set, and names it as the key's source
    /// (<c>environment variable NAME</c>), so an authentication error can say where the rejected key came from.
    /// </summary>
    /// <param name="variables">Environment variable names, in order of preference.</param>
    /// <returns>The variable the key came from, or null when none is set (the options are then unchanged).</returns>
    public string? UseApiKeyFromEnvironment(IEnumerable<string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        foreach (string variable in variables)
        {
            if (Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } key) continue;
            ApiKey = key;
            ApiKeySource = "environment variable " + variable;
            return variable;
        }

        return null;
    }

    /// <summary>Any endpoint, by its base URL.</summary>
    /// <param name="baseUrl">e.g. <c>http://localhost:8000/v1</c>.</param>
    /// <param name="apiKey">The key, or null when the server needs none.</param>
    /// <param name="preset">Dialect and history rule to assume; default: chat completions, dialect detected, no reasoning resent.</param>
    /// <param name="protocol">The protocol the server speaks, when not the preset's.</param>
    public static ReasoningClientOptions ForEndpoint(string baseUrl, string? apiKey = null, ProviderPreset? preset = null, WireProtocol? protocol = null) => new()
    {
        BaseUri = new Uri(baseUrl),
        ApiKey = apiKey,
        ApiKeySource = apiKey is null ? null : "the key passed in code",
        Provider = preset ?? Providers.Custom(baseUrl, protocol ?? WireProtocol.ChatCompletions),
        Protocol = protocol,
    };
}
