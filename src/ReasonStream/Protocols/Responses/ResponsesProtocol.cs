namespace ReasonStream;

/// <summary>OpenAI's Responses API: <c>POST {base}/responses</c>, Bearer key, typed SSE events, no <c>[DONE]</c>.</summary>
internal sealed class ResponsesProtocol : ProtocolModule
{
    public override WireProtocol Protocol => WireProtocol.Responses;

    protected override string DefaultPath(string model) => "responses";

    public override byte[] WriteRequest(ChatRequest request, ReasoningClientOptions options) => ResponsesWriter.Write(request, options.Provider);

    public override ProtocolReader CreateReader(ReasoningClientOptions options) => new ResponsesReader(options);
}
