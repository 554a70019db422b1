using System.Text.Json;

namespace ReasonStream;

/// <summary>
/// Names the shape of an event that the chosen protocol does not read — another protocol's event, a Cohere or
/// Bedrock stream, a plain reply — so the error says what arrived. Runs only on the failure path.
/// </summary>
internal static class StreamShape
{
    public static string Describe(string eventType, ReadOnlySpan<byte> data)
    {
        var keys = new List<string>();
        string? type = null, @object = null;
        try
        {
            var reader = new Utf8JsonReader(data);
            if (!reader.Read()) return "an empty event";
            if (reader.TokenType == JsonTokenType.StartArray) return "a JSON array (a whole reply, not a stream?)";
            if (reader.TokenType != JsonTokenType.StartObject) return "a JSON " + reader.TokenType.ToString().ToLowerInvariant() + ", not an object";
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                if (name == "type" && reader.TokenType == JsonTokenType.String) type = reader.GetString();
                else if (name == "object" && reader.TokenType == JsonTokenType.String) @object = reader.GetString();
                else reader.Skip();
                if (keys.Count < 6) keys.Add(name);
            }
        }
        catch (JsonException)
        {
            // Partly readable: describe what was read.
        }

        string? known = Known(type, @object, keys, eventType);
        return known ?? (keys.Count == 0 ? "an event with no fields" : "an event with the fields " + string.Join(", ", keys));
    }

    private static string? Known(string? type, string? @object, List<string> keys, string eventType)
    {
        if (@object is "chat.completion.chunk" or "chat.completion" || keys.Contains("choices")) return "chat-completions chunks";
        if (type is not null && type.StartsWith("response.", StringComparison.Ordinal)) return $"Responses API events ('{type}')";
        if (type is "message_start" or "content_block_start" or "content_block_delta" or "message_delta" or "message_stop" or "ping" ||
            eventType is "message_start" or "content_block_delta")
        {
            return $"Anthropic Messages events ('{type ?? eventType}')";
        }

        if (keys.Contains("candidates") || keys.Contains("usageMetadata")) return "Gemini generateContent chunks";
        if (keys.Contains("done") && (keys.Contains("message") || keys.Contains("response"))) return "Ollama native chunks";
        if (type is "stream-start" or "message-start" or "content-start" or "content-delta" or "text-generation" or "stream-end" or "message-end") return $"a Cohere chat stream ('{type}'), which ReasonStream does not read";
        if (keys.Contains("contentBlockDelta") || keys.Contains("messageStart") || keys.Contains("bytes")) return "an AWS Bedrock stream, which ReasonStream does not read";
        if (type is not null) return $"events of type '{type}'";
        return null;
    }
}
