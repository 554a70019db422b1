namespace ReasonStream;

/// <summary>Gemini: <c>POST {base}/models/{model}:streamGenerateContent?alt=sse</c>, <c>x-goog-api-key</c>, SSE chunks with no terminator.</summary>
internal sealed class GeminiProtocol : ProtocolModule
{
    public override WireProtocol Protocol => WireProtocol.GeminiGenerateContent;

    protected override string DefaultPath(string model)
    {
        // "models/gemini-2.5-flash" and "gemini-2.5-flash" name the same model; tuned models keep their own collection.
        string name = model.StartsWith("models/", StringComparison.Ordinal) ? model["models/".Length..] : model;
        string path = name.StartsWith("tunedModels/", StringComparison.Ordinal) ? name : "models/" + Uri.EscapeDataString(name);
        return path + ":streamGenerateContent?alt=sse";
    }

    public override byte[] WriteRequest(ChatRequest request, ReasoningClientOptions options) => GeminiWriter.Write(request);

    public override ProtocolReader CreateReader(ReasoningClientOptions options) => new GeminiReader(options);

    public override ModelList Models => GeminiModelList.Instance;

    public override void Authenticate(HttpRequestMessage message, string apiKey) => message.Headers.TryAddWithoutValidation("x-goog-api-key", apiKey);
}
