using System.Buffers;
using System.Text.Json;

namespace ReasonStream;

/// <summary>What every protocol's request writer shares: the writer's setup, the caller's extra fields, JSON schemas.</summary>
internal static class RequestBody
{
    /// <summary>Writes a body with <paramref name="write"/> and returns its bytes.</summary>
    public static byte[] Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json, state);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>True when the caller's <see cref="ChatRequest.ExtraBody"/> does not name <paramref name="field"/>: ours to write.</summary>
    public static bool Mine(ChatRequest request, string field) => request.ExtraBody is not { } extra || !extra.ContainsKey(field);

    /// <summary>Writes the caller's extra top-level fields, as given.</summary>
    public static void WriteExtra(Utf8JsonWriter json, ChatRequest request)
    {
        if (request.ExtraBody is not { } extra) return;
        foreach (var (name, value) in extra)
        {
            json.WritePropertyName(name);
            if (value is null) json.WriteNullValue();
            else value.WriteTo(json);
        }
    }

    /// <summary>A tool's parameter schema, or an empty object schema when it takes none.</summary>
    public static void WriteSchema(Utf8JsonWriter json, JsonElement? schema)
    {
        if (schema is { } given)
        {
            given.WriteTo(json);
            return;
        }

        json.WriteStartObject();
        json.WriteString("type", "object");
        json.WriteStartObject("properties");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// Writes a JSON text the model produced (tool arguments) as a JSON value: an object stays an object; anything
    /// that does not parse as one becomes <c>{}</c> — the protocols that want an object there reject anything else.
    /// </summary>
    public static void WriteObjectOrEmpty(Utf8JsonWriter json, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    document.RootElement.WriteTo(json);
                    return;
                }
            }
            catch (JsonException)
            {
                // Not JSON: fall through to an empty object.
            }
        }

        json.WriteStartObject();
        json.WriteEndObject();
    }

    /// <summary>The leading and other system messages' texts, joined by blank lines; null when there are none.</summary>
    public static string? SystemText(IReadOnlyList<Message> messages)
    {
        string? text = null;
        foreach (var message in messages)
        {
            if (message.Role != MessageRole.System || string.IsNullOrEmpty(message.Content)) continue;
            text = text is null ? message.Content : text + "\n\n" + message.Content;
        }

        return text;
    }
}
