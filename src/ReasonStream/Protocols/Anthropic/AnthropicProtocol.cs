namespace ReasonStream;

/// <summary>Anthropic Messages: <c>POST {base}/v1/messages</c>, <c>x-api-key</c> and <c>anthropic-version</c>, named SSE events.</summary>
internal sealed class AnthropicProtocol : ProtocolModule
{
    /// <summary>The API version every request names (the caller's own header wins).</summary>
    private const string ApiVersion = "2023-06-01";

    public override WireProtocol Protocol => WireProtocol.AnthropicMessages;

    protected override string DefaultPath(string model) => "v1/messages";

    public override byte[] WriteRequest(ChatRequest request, ReasoningClientOptions options) => AnthropicWriter.Write(request);

    public override ProtocolReader CreateReader(ReasoningClientOptions options) => new AnthropicReader(options);

    public override ModelList Models => AnthropicModelList.Instance;

    public override void Authenticate(HttpRequestMessage message, string apiKey) => message.Headers.TryAddWithoutValidation("x-api-key", apiKey);

    public override void AddHeaders(HttpRequestMessage message)
    {
        base.AddHeaders(message);
        message.Headers.TryAddWithoutValidation("anthropic-version", ApiVersion);
    }
}
