using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;

namespace ReasonStream;

/// <summary>
/// Splits a response body into events and hands each event's data to the <see cref="ChunkParser"/>:
/// Server-Sent Events (<see cref="SseParser"/>) for streams, one event per line for NDJSON (Ollama's
/// native API), and the whole body as one event for a plain JSON reply (a server that ignored <c>stream</c>).
/// Each step of the returned enumerator parses exactly one event into <c>pending</c>.
/// </summary>
internal static class EventFraming
{
    public static IAsyncEnumerator<SseItem<int>> Open(Stream body, string? mediaType, ChunkParser parser, List<StreamUpdate> pending, CancellationToken cancellationToken)
    {
        if (string.Equals(mediaType, "application/x-ndjson", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(mediaType, "application/jsonl", StringComparison.OrdinalIgnoreCase))
        {
            return Lines(body, parser, pending, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }

        if (string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return WholeBody(body, parser, pending, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }

        // The hot path: SseParser's own enumerator, with no wrapper around it.
        return SseParser.Create(body, (eventType, data) =>
        {
            parser.Parse(eventType, data, pending);
            return 0;
        }).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    private static async IAsyncEnumerable<SseItem<int>> Lines(Stream body, ChunkParser parser, List<StreamUpdate> pending, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, new UTF8Encoding(false, throwOnInvalidBytes: true), false, 4096, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0) continue;
            parser.Parse("message", Encoding.UTF8.GetBytes(line), pending);
            yield return new SseItem<int>(0);
        }
    }

    private static async IAsyncEnumerable<SseItem<int>> WholeBody(Stream body, ChunkParser parser, List<StreamUpdate> pending, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        parser.Parse("message", buffer.GetBuffer().AsSpan(0, (int)buffer.Length), pending);
        yield return new SseItem<int>(0);
    }
}
