namespace ReasonStream;

/// <summary>OpenAI-style chat completions: <c>POST {base}/chat/completions</c>, Bearer key, SSE chunks, <c>[DONE]</c>.</summary>
internal sealed class ChatCompletionsProtocol : ProtocolModule
{
    public override WireProtocol Protocol => WireProtocol.ChatCompletions;

    protected override string DefaultPath(string model) => "chat/completions";

    public override byte[] WriteRequest(ChatRequest request, ReasoningClientOptions options) => ChatCompletionsWriter.Write(request, options.Provider);

    public override ProtocolReader CreateReader(ReasoningClientOptions options) => new ChatCompletionsReader(options);
}
