namespace ReasonStream;

/// <summary>Where to send requests, with which key, and how patient to be.</summary>
public sealed class ReasoningClientOptions
{
    /// <summary>The OpenAI-compatible base URL; <see cref="ChatCompletionsPath"/> is appended.</summary>
    public Uri BaseUri { get; set; } = new(Providers.DeepSeek.BaseUrl);

    /// <summary>The relative path of the endpoint. Default <c>chat/completions</c>.</summary>
    public string ChatCompletionsPath { get; set; } = "chat/completions";

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

    /// <summary>The full endpoint URL.</summary>
    public Uri Endpoint => new(BaseUri.AbsoluteUri.EndsWith('/') ? BaseUri : new Uri(BaseUri.AbsoluteUri + "/"), ChatCompletionsPath.TrimStart('/'));

    /// <summary>The endpoint as shown in messages: never with credentials from the URL's user-info.</summary>
    internal string DisplayEndpoint => Endpoint.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    /// <summary>DeepSeek, with the key given or read from <c>DEEPSEEK_API_KEY</c>.</summary>
    /// <param name="apiKey">The key; null reads the environment.</param>
    public static ReasoningClientOptions DeepSeek(string? apiKey = null) => ForProvider(Providers.DeepSeek, apiKey);

    /// <summary>A preset, with the key given or read from the preset's environment variable.</summary>
    /// <param name="preset">The provider.</param>
    /// <param name="apiKey">The key; null reads <see cref="ProviderPreset.ApiKeyVariable"/>.</param>
    public static ReasoningClientOptions ForProvider(ProviderPreset preset, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var options = new ReasoningClientOptions { BaseUri = new Uri(preset.BaseUrl), Provider = preset };
        if (apiKey is not null)
        {
            options.ApiKey = apiKey;
            options.ApiKeySource = "the key passed in code";
        }
        else if (preset.ApiKeyVariable is { } variable && Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment)
        {
            options.ApiKey = fromEnvironment;
            options.ApiKeySource = "environment variable " + variable;
        }

        return options;
    }

    /// <summary>Any OpenAI-compatible endpoint.</summary>
    /// <param name="baseUrl">e.g. <c>http://localhost:8000/v1</c>.</param>
    /// <param name="apiKey">The key, or null when the server needs none.</param>
    /// <param name="preset">Dialect and history rule to assume; default: detect the dialect, never resend reasoning.</param>
    public static ReasoningClientOptions ForEndpoint(string baseUrl, string? apiKey = null, ProviderPreset? preset = null) => new()
    {
        BaseUri = new Uri(baseUrl),
        ApiKey = apiKey,
        ApiKeySource = apiKey is null ? null : "the key passed in code",
        Provider = preset ?? new ProviderPreset("custom", "Custom endpoint", baseUrl, null, "default"),
    };
}
