using System.Text.Json;

namespace ReasonStream;

/// <summary>
/// The OpenAI-style list, <c>GET {base}/models</c> → <c>{"data":[{"id","created","owned_by"}]}</c>, spoken by every
/// chat-completions and Responses server (OpenAI, DeepSeek, Groq, xAI, vLLM, llama.cpp, LM Studio, Ollama's /v1). It does not
/// say which models reason; OpenRouter's richer entries do, with <c>"reasoning"</c> (or <c>"include_reasoning"</c>) among
/// their <c>supported_parameters</c>.
/// </summary>
internal sealed class OpenAIModelList : ModelList
{
    public static OpenAIModelList Instance { get; } = new();

    public override Uri FirstPage(Uri baseUri) => new(Root(baseUri), "models");

    public override (IReadOnlyList<ModelInfo> Models, Uri? Next) ReadPage(JsonElement page, Uri pageUri)
    {
        var models = new List<ModelInfo>();
        foreach (var item in Items(page, "data"))
        {
            if (Text(item, "id") is not { Length: > 0 } id) continue;
            models.Add(new ModelInfo(id)
            {
                DisplayName = Text(item, "name"),
                SupportsReasoning = Reasoning(item),
                CreatedAt = item.TryGetProperty("created", out var created) && created.ValueKind == JsonValueKind.Number && created.TryGetInt64(out long seconds) && seconds > 0
                    ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                    : null,
            });
        }

        return (models, null); // the OpenAI shape has no pages
    }

    /// <summary>OpenRouter: whether its <c>supported_parameters</c> include reasoning; null where there is no such list.</summary>
    private static bool? Reasoning(JsonElement item)
    {
        if (!item.TryGetProperty("supported_parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Array) return null;
        foreach (var parameter in parameters.EnumerateArray())
        {
            if (parameter.ValueKind == JsonValueKind.String && parameter.GetString() is "reasoning" or "include_reasoning") return true;
        }

        return false;
    }
}
