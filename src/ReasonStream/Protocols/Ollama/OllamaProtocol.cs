namespace ReasonStream;

/// <summary>Ollama's native <c>POST {base}/api/chat</c>: newline-delimited JSON, whatever the content type says.</summary>
internal sealed class OllamaProtocol : ProtocolModule
{
    public override WireProtocol Protocol => WireProtocol.OllamaChat;

    public override EventFramingKind Framing => EventFramingKind.JsonLines;

    protected override string DefaultPath(string model) => "api/chat";

    public override byte[] WriteRequest(ChatRequest request, ReasoningClientOptions options) => OllamaWriter.Write(request);

    public override ProtocolReader CreateReader(ReasoningClientOptions options) => new OllamaReader(options);

    public override ModelList Models => OllamaModelList.Instance;

    public override void AddHeaders(HttpRequestMessage message) => message.Headers.Accept.ParseAdd("application/x-ndjson");
}
