using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReasonStream;

/// <summary>
/// Assembles a function call's arguments from Vertex AI's streamed <c>partialArgs</c>: pieces addressed by a JSON path
/// (<c>$.location</c>, <c>$.items[0].name</c>), strings continued across pieces while <c>willContinue</c> is set.
/// </summary>
internal sealed class PartialArguments(int ordinal)
{
    private readonly JsonObject _root = [];

    public int Ordinal { get; } = ordinal;

    public void Add(JsonElement pieces)
    {
        foreach (var piece in pieces.EnumerateArray())
        {
            if (piece.ValueKind != JsonValueKind.Object || !piece.TryGetProperty("jsonPath", out var path) || path.GetString() is not { } jsonPath) continue;
            JsonNode? value = piece.TryGetProperty("stringValue", out var s) ? JsonValue.Create(s.GetString())
                : piece.TryGetProperty("numberValue", out var n) ? JsonValue.Create(n.GetDouble())
                : piece.TryGetProperty("boolValue", out var b) ? JsonValue.Create(b.ValueKind == JsonValueKind.True)
                : null;
            Set(jsonPath, value, appendStrings: true);
        }
    }

    public string ToJson() => _root.ToJsonString();

    private void Set(string jsonPath, JsonNode? value, bool appendStrings)
    {
        var steps = Steps(jsonPath);
        if (steps.Count == 0) return;
        JsonNode parent = _root;
        for (int i = 0; i < steps.Count - 1; i++)
        {
            parent = Child(parent, steps[i], steps[i + 1] is int ? new JsonArray() : new JsonObject());
        }

        var last = steps[^1];
        var existing = Get(parent, last);
        if (appendStrings && existing is JsonValue old && old.TryGetValue(out string? before) && value is JsonValue add && add.TryGetValue(out string? more))
        {
            value = JsonValue.Create(before + more);
        }

        Put(parent, last, value);
    }

    private static JsonNode Child(JsonNode parent, object step, JsonNode empty)
    {
        if (Get(parent, step) is { } found) return found;
        Put(parent, step, empty);
        return empty;
    }

    private static JsonNode? Get(JsonNode parent, object step) => step switch
    {
        string key when parent is JsonObject o => o.TryGetPropertyValue(key, out var v) ? v : null,
        int index when parent is JsonArray a => index < a.Count ? a[index] : null,
        _ => null,
    };

    private static void Put(JsonNode parent, object step, JsonNode? value)
    {
        switch (step)
        {
            case string key when parent is JsonObject o:
                o[key] = value;
                break;
            case int index when parent is JsonArray a:
                while (a.Count <= index) a.Add(null);
                a[index] = value;
                break;
        }
    }

    /// <summary><c>$.a.b[2].c</c> → "a", "b", 2, "c". Bracketed names (<c>$['a b']</c>) are read too.</summary>
    private static List<object> Steps(string path)
    {
        var steps = new List<object>();
        int i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                int end = path.IndexOfAny(['.', '['], i + 1);
                if (end < 0) end = path.Length;
                steps.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path[i] == '[')
            {
                int end = path.IndexOf(']', i);
                if (end < 0) break;
                string inside = path[(i + 1)..end];
                if (int.TryParse(inside, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index)) steps.Add(index);
                else steps.Add(inside.Trim('\'', '"'));
                i = end + 1;
            }
            else
            {
                break;
            }
        }

        return steps;
    }
}
