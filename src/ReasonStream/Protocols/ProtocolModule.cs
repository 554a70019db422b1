using System.Net.Http.Headers;

namespace ReasonStream;

/// <summary>
/// One wire protocol: where its requests go, how they are authenticated and written, how its stream is framed
/// and read. Chosen once per stream from <see cref="ReasoningClientOptions.EffectiveProtocol"/>, never guessed
/// from what arrives. Each protocol's facts live in its module and nowhere else.
/// </summary>
internal abstract class ProtocolModule
{
    private static readonly ProtocolModule[] Modules =
        [new ChatCompletionsProtocol(), new ResponsesProtocol(), new AnthropicProtocol(), new GeminiProtocol(), new OllamaProtocol()];

    public static ProtocolModule For(WireProtocol protocol) => Modules[(int)protocol];

    public abstract WireProtocol Protocol { get; }

    /// <summary>How events are framed on the wire.</summary>
    public virtual EventFramingKind Framing => EventFramingKind.ServerSentEvents;

    /// <summary>The relative path of the streaming endpoint for <paramref name="model"/>.</summary>
    protected abstract string DefaultPath(string model);

    /// <summary>The full URL: the base, then the path (the override's <c>{model}</c> replaced).</summary>
    public Uri EndpointFor(Uri baseUri, string? pathOverride, string model)
    {
        var root = baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
        string path = pathOverride?.Replace("{model}", Uri.EscapeDataString(model), StringComparison.Ordinal) ?? DefaultPath(model);
        return new Uri(root, path.TrimStart('/'));
    }

    /// <summary>Writes the request body.</summary>
    public abstract byte[] WriteRequest(ChatRequest request, ReasoningClientOptions options);

    /// <summary>A reader for one stream, reading as the options say (dialect, raw chunks) and redacting their key from any excerpt.</summary>
    public abstract ProtocolReader CreateReader(ReasoningClientOptions options);

    /// <summary>Adds the key the way the protocol expects it. Default: <c>Authorization: Bearer</c>.</summary>
    public virtual void Authenticate(HttpRequestMessage message, string apiKey) =>
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);

    /// <summary>How the protocol's servers list their models. Default: the OpenAI-style <c>GET {base}/models</c>.</summary>
    public virtual ModelList Models => OpenAIModelList.Instance;

    /// <summary>Headers every request of the protocol carries (<c>Accept</c>, a version header).</summary>
    public virtual void AddHeaders(HttpRequestMessage message) => message.Headers.Accept.ParseAdd("text/event-stream");
}

/// <summary>How a protocol frames its events.</summary>
internal enum EventFramingKind
{
    /// <summary>Server-sent events (<c>text/event-stream</c>).</summary>
    ServerSentEvents,

    /// <summary>One JSON object per line (<c>application/x-ndjson</c>).</summary>
    JsonLines,
}
