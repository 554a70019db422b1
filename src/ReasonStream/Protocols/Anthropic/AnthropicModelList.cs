using System.Globalization;
using System.Text.Json;

namespace ReasonStream;

/// <summary>
/// Anthropic's <c>GET {base}/v1/models</c>, newest first, paged by <c>has_more</c> and <c>after_id</c>; each model's
/// <c>capabilities.thinking.supported</c> says whether it thinks (older and compatible servers leave capabilities out).
/// </summary>
internal sealed class AnthropicModelList : ModelList
{
    public static AnthropicModelList Instance { get; } = new();

    public override Uri FirstPage(Uri baseUri) => new(Root(baseUri), "v1/models?limit=1000");

    public override (IReadOnlyList<ModelInfo> Models, Uri? Next) ReadPage(JsonElement page, Uri pageUri)
    {
        var models = new List<ModelInfo>();
        foreach (var item in Items(page, "data"))
        {
            if (Text(item, "id") is not { Length: > 0 } id) continue;
            models.Add(new ModelInfo(id)
            {
                DisplayName = Text(item, "display_name"),
                SupportsReasoning = item.TryGetProperty("capabilities", out var capabilities) && capabilities.ValueKind == JsonValueKind.Object
                    && capabilities.TryGetProperty("thinking", out var thinking) && thinking.ValueKind == JsonValueKind.Object
                    && thinking.TryGetProperty("supported", out var supported) && supported.ValueKind is JsonValueKind.True or JsonValueKind.False
                        ? supported.GetBoolean()
                        : null,
                CreatedAt = DateTimeOffset.TryParse(Text(item, "created_at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created) ? created : null,
            });
        }

        bool more = page.TryGetProperty("has_more", out var hasMore) && hasMore.ValueKind == JsonValueKind.True;
        Uri? next = more && Text(page, "last_id") is { Length: > 0 } last
            ? new Uri(pageUri.GetLeftPart(UriPartial.Path) + "?limit=1000&after_id=" + Uri.EscapeDataString(last))
            : null;
        return (models, next);
    }
}
