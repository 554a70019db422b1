using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ReasonStream.Testing;

/// <summary>JSON and framing helpers shared by the protocol scripts.</summary>
internal static class ScriptJson
{
    // Providers send text as raw UTF-8 (DeepSeek, OpenAI, Anthropic), emoji included: escape only what JSON requires.
    private static readonly JsonWriterOptions AsProvidersWrite = new() { Encoder = ReasonStream.Text.ReadableJsonEncoder.Instance };

    public static string Object(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, AsProvidersWrite))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

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
