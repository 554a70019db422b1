using System.Text.Json;

namespace ReasonStream;

/// <summary>An error the provider reported, in a body or inside the stream.</summary>
internal sealed record ProviderError(string? Message, string? Code, int? Status)
{
    /// <summary>Reads the usual shapes: <c>{"error": {...}}</c>, <c>{"error": "text"}</c>, <c>{"message": ...}</c>, <c>{"detail": ...}</c>.</summary>
    public static ProviderError? TryRead(ReadOnlySpan<byte> json)
    {
        try
        {
            // A body with invalid UTF-8 still says what went wrong: its bad bytes become U+FFFD (reading a string
            // of invalid UTF-8 would throw InvalidOperationException, not JsonException).
            byte[] bytes = System.Text.Unicode.Utf8.IsValid(json) ? json.ToArray() : System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(json));
            using var document = JsonDocument.Parse(bytes);
            return FromElement(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static ProviderError? FromElement(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.String) return new ProviderError(root.GetString(), null, null);
        // Gemini's streaming endpoints wrap the error in an array: [{"error": {...}}].
        if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0) return FromElement(root[0]);
        if (root.ValueKind != JsonValueKind.Object) return null;
        if (root.TryGetProperty("error", out var error) && error.ValueKind is JsonValueKind.Object or JsonValueKind.String)
        {
            var inner = FromElement(error);
            if (inner is not null)
            {
                return inner with { Status = inner.Status ?? Int(root, "status_code") ?? Int(root, "code") };
            }
        }

        // Responses API: {"type":"response.failed","response":{"error":{...}}}
        if (root.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object &&
            response.TryGetProperty("error", out var responseError) && responseError.ValueKind == JsonValueKind.Object)
        {
            return FromElement(responseError);
        }

        string? message = Text(root, "message") ?? Text(root, "detail") ?? Text(root, "msg");
        // Gemini: "status" (RESOURCE_EXHAUSTED) names the error, "code" is the HTTP status; Anthropic and OpenAI: "type"/"code".
        string? code = (root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String ? status.GetString() : null)
            ?? Text(root, "code") ?? Text(root, "type");
        if (message is null && code is null) return null;
        if (root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object && Text(metadata, "raw") is { Length: > 0 } raw)
        {
            message = message is null ? raw : message + " (" + raw + ")";
        }

        return new ProviderError(message, code == "error" ? Text(root, "type") : code, Int(root, "status_code") ?? Int(root, "status") ?? Int(root, "code"));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.Object or JsonValueKind.Array => value.GetRawText(),
                _ => null,
            }
            : null;

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) ? n : null;
}
