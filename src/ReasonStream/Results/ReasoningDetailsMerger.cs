using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReasonStream;

/// <summary>
/// Merges streamed OpenRouter <c>reasoning_details</c> fragments into whole items: text fragments of the
/// same index join into one <c>reasoning.text</c> item (keeping its signature and format); other items
/// (encrypted, summary) are kept as they came.
/// </summary>
internal sealed class ReasoningDetailsMerger
{
    private readonly List<JsonObject> _items = [];

    public void Add(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return; // Malformed details are not worth failing the stream; the text was already reported.
        }

        if (node is not JsonArray array) return;
        foreach (var element in array)
        {
            if (element is JsonObject item) Merge((JsonObject)item.DeepClone());
        }
    }

    public string? ToJson()
    {
        if (_items.Count == 0) return null;
        var array = new JsonArray();
        foreach (var item in _items) array.Add(item.DeepClone());
        return array.ToJsonString();
    }

    private void Merge(JsonObject item)
    {
        string? type = (string?)item["type"]?.AsValue();
        if (type == "reasoning.text")
        {
            int? index = item["index"] is JsonValue v && v.TryGetValue(out int i) ? i : null;
            var existing = _items.FindLast(x => (string?)x["type"] == "reasoning.text" && IndexOf(x) == index);
            if (existing is not null)
            {
                existing["text"] = ((string?)existing["text"] ?? "") + ((string?)item["text"] ?? "");
                foreach (var property in item.ToList())
                {
                    if (property.Key is "text" or "type" or "index") continue;
                    bool isEmpty = property.Value is null || (property.Value is JsonValue s && s.TryGetValue(out string? str) && string.IsNullOrEmpty(str));
                    if (!isEmpty || !existing.ContainsKey(property.Key)) existing[property.Key] = property.Value?.DeepClone();
                }

                return;
            }
        }

        _items.Add(item);
    }

    private static int? IndexOf(JsonObject item) => item["index"] is JsonValue v && v.TryGetValue(out int i) ? i : null;
}
