using System.Text.Json;

namespace ReasonStream;

/// <summary>
/// Gemini's <c>GET {base}/models</c>, paged by <c>nextPageToken</c>. Models are named <c>models/gemini-2.5-flash</c> (the
/// prefix is dropped: requests take either form); only those that generate content are listed (not embedding models).
/// <c>thinking: true</c> marks a thinking model; the field is left out (false, in protobuf's JSON) for the others.
/// </summary>
internal sealed class GeminiModelList : ModelList
{
    public static GeminiModelList Instance { get; } = new();

    public override Uri FirstPage(Uri baseUri) => new(Root(baseUri), "models?pageSize=1000");

    public override (IReadOnlyList<ModelInfo> Models, Uri? Next) ReadPage(JsonElement page, Uri pageUri)
    {
        var models = new List<ModelInfo>();
        foreach (var item in Items(page, "models"))
        {
            if (Text(item, "name") is not { Length: > 0 } name) continue;
            if (!Items(item, "supportedGenerationMethods").Any(m => m.ValueKind == JsonValueKind.String && m.GetString() is "generateContent" or "streamGenerateContent")) continue;
            string id = name.StartsWith("models/", StringComparison.Ordinal) ? name["models/".Length..] : name;
            if (id.Length == 0) continue;
            models.Add(new ModelInfo(id)
            {
                DisplayName = Text(item, "displayName"),
                SupportsReasoning = item.TryGetProperty("thinking", out var thinking) && thinking.ValueKind == JsonValueKind.True,
            });
        }

        Uri? next = Text(page, "nextPageToken") is { Length: > 0 } token
            ? new Uri(pageUri.GetLeftPart(UriPartial.Path) + "?pageSize=1000&pageToken=" + Uri.EscapeDataString(token))
            : null;
        return (models, next);
    }
}
