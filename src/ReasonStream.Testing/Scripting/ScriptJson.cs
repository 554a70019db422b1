using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ReasonStream.Testing;

/// <summary>JSON and framing helpers shared by the protocol scripts.</summary>
internal static class ScriptJson
{
    // Providers send text as raw UTF-8 (DeepSeek, OpenAI, Anthropic): escape only what JSON requires.
    private static readonly JsonWriterOptions AsProvidersWrite = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Object(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, AsProvidersWrite))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        return RawSupplementary(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>
    /// The JSON with each escaped surrogate pair (<c>\ud83c\udf89</c>) written as the character itself: the encoders escape
    /// every character outside the BMP, but providers send emoji as raw 4-byte UTF-8 like any other text.
    /// </summary>
    private static string RawSupplementary(string json)
    {
        if (!json.Contains("\\u", StringComparison.Ordinal)) return json;
        var text = new StringBuilder(json.Length);
        for (int i = 0; i < json.Length; i++)
        {
            if (json[i] != '\\' || i + 1 >= json.Length)
            {
                text.Append(json[i]);
                continue;
            }

            if (json[i + 1] == 'u' && Escaped(json, i) is { } high && char.IsHighSurrogate(high)
                && i + 11 < json.Length && json[i + 6] == '\\' && json[i + 7] == 'u' && Escaped(json, i + 6) is { } low && char.IsLowSurrogate(low))
            {
                text.Append(high).Append(low);
                i += 11;
                continue;
            }

            // Any other escape is copied whole, so an escaped backslash is never read as the start of another.
            int length = json[i + 1] == 'u' ? 6 : 2;
            text.Append(json, i, Math.Min(length, json.Length - i));
            i += length - 1;
        }

        return text.ToString();
    }

    private static char? Escaped(string json, int at) =>
        at + 6 <= json.Length && ushort.TryParse(json.AsSpan(at + 2, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out ushort code)
            ? (char)code
            : null;

    /// <summary>Writes a JSON text as a value: an object as is, anything that does not parse as JSON as <c>{}</c>.</summary>
    public static void WriteArguments(Utf8JsonWriter json, string arguments)
    {
        try
        {
            using var document = JsonDocument.Parse(arguments.Length == 0 ? "{}" : arguments);
            document.RootElement.WriteTo(json);
        }
        catch (JsonException)
        {
            json.WriteStartObject();
            json.WriteEndObject();
        }
    }

    public static ScriptedEvent Data(ScriptedPart part, string text, string json, string lineEnd = "\n") =>
        new(part, text, ScriptedReply.Utf8("data: " + json + lineEnd + lineEnd));

    public static ScriptedEvent Named(ScriptedPart part, string text, string name, string json) =>
        new(part, text, ScriptedReply.Utf8("event: " + name + "\ndata: " + json + "\n\n"));

    public static ScriptedEvent Line(ScriptedPart part, string text, string json) => new(part, text, ScriptedReply.Utf8(json + "\n"));
}
