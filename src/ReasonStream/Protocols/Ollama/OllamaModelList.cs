using System.Text.Json;

namespace ReasonStream;

/// <summary>
/// Ollama's native <c>GET {base}/api/tags</c> names the local models but not what they can do; <c>POST {base}/api/show</c>
/// does, per model: <c>"thinking"</c> among its <c>capabilities</c> means it takes <c>think</c>. The models are described
/// one after another (a local server, and usually few models).
/// </summary>
internal sealed class OllamaModelList : ModelList
{
    public static OllamaModelList Instance { get; } = new();

    public override Uri FirstPage(Uri baseUri) => new(Root(baseUri), "api/tags");

    public override (IReadOnlyList<ModelInfo> Models, Uri? Next) ReadPage(JsonElement page, Uri pageUri)
    {
        var models = new List<ModelInfo>();
        foreach (var item in Items(page, "models"))
        {
            if ((Text(item, "name") ?? Text(item, "model")) is not { Length: > 0 } name) continue;
            models.Add(new ModelInfo(name)
            {
                CreatedAt = DateTimeOffset.TryParse(Text(item, "modified_at"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var modified) ? modified : null,
            });
        }

        return (models, null);
    }

    public override async Task<IReadOnlyList<ModelInfo>> DescribeAsync(IReadOnlyList<ModelInfo> models, Uri baseUri, ModelListTransport transport, CancellationToken cancellationToken)
    {
        var show = new Uri(Root(baseUri), "api/show");
        var described = new List<ModelInfo>(models.Count);
        foreach (var model in models)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("model", model.Id);
                json.WriteEndObject();
            }

            using var details = await transport(HttpMethod.Post, show, buffer.ToArray(), cancellationToken).ConfigureAwait(false);
            var capabilities = Items(details.RootElement, "capabilities").ToList();
            described.Add(new ModelInfo(model.Id)
            {
                DisplayName = model.DisplayName,
                CreatedAt = model.CreatedAt,
                SupportsReasoning = details.RootElement.TryGetProperty("capabilities", out _)
                    ? capabilities.Any(c => c.ValueKind == JsonValueKind.String && c.GetString() == "thinking")
                    : null,
            });
        }

        return described;
    }
}
