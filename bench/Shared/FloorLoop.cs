using System.Net.ServerSentEvents;
using System.Text.Json;

namespace ReasonStream.Benchmarks;

/// <summary>
/// The floor every client is measured against: <see cref="SseParser"/> over the body and a <see cref="Utf8JsonReader"/>
/// that only finds <c>choices[0].delta.reasoning_content</c> and <c>.content</c> and materialises them as strings.
/// It checks nothing else, so it is what reading this stream costs at the least with the BCL's own parts.
/// </summary>
internal static class FloorLoop
{
    /// <summary>Reads the whole body; returns the number of text characters extracted.</summary>
    public static async Task<long> ReadAsync(Stream body, CancellationToken cancellationToken = default)
    {
        long characters = 0;
        var parser = SseParser.Create(body, static (_, data) => ExtractDeltaLength(data));
        await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false)) characters += item.Data;
        return characters;
    }

    private static int ExtractDeltaLength(ReadOnlySpan<byte> data)
    {
        if (data.SequenceEqual("[DONE]"u8)) return 0;
        var reader = new Utf8JsonReader(data);
        int length = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 4 &&
                (reader.ValueTextEquals("content"u8) || reader.ValueTextEquals("reasoning_content"u8)))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) length += reader.GetString()!.Length;
            }
        }

        return length;
    }
}
