using System.Buffers;
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

        if (string.Equals(mediaType, "text/html", StringComparison.OrdinalIgnoreCase))
        {
            // A login or error page from a proxy, sent with 200: show what it says.
            return NotAStream(body, mediaType!, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }

        if (string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return JsonOrMislabelledSse(body, parser, pending, cancellationToken).GetAsyncEnumerator(cancellationToken);
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
        // Lines are cut on raw bytes and parsed as bytes, so invalid UTF-8 is reported by the parser as a
        // protocol error naming the bytes, like in any other framing.
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        int start = 0, end = 0;
        try
        {
            while (true)
            {
                int newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    bool parsed = ParseLine(parser, buffer.AsSpan(start, newline), pending);
                    start += newline + 1;
                    if (parsed) yield return new SseItem<int>(0);
                    continue;
                }

                if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, end).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = await body.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    if (end > start && ParseLine(parser, buffer.AsSpan(start, end - start), pending)) yield return new SseItem<int>(0);
                    yield break;
                }

                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool ParseLine(ChunkParser parser, ReadOnlySpan<byte> line, List<StreamUpdate> pending)
    {
        line = line.Trim(" \t\r"u8);
        if (line.IsEmpty) return false;
        parser.Parse("message", line, pending);
        return true;
    }

    private static async IAsyncEnumerable<SseItem<int>> NotAStream(Stream body, string mediaType, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        int total = 0, read;
        while (total < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0) total += read;
        string excerpt = ErrorMapper.FirstBytes(buffer.AsSpan(0, total).ToArray());
        throw new StreamProtocolException($"The server answered 200 with {mediaType} instead of an event stream: {excerpt}") { OffendingBytes = excerpt };
#pragma warning disable CS0162 // an iterator needs a yield to be one
        yield break;
#pragma warning restore CS0162
    }

    private static async IAsyncEnumerable<SseItem<int>> JsonOrMislabelledSse(Stream body, ChunkParser parser, List<StreamUpdate> pending, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // "application/json" is usually one JSON reply, but some proxies label an event stream so: look at the
        // first byte that is not white space, and stream it live when it is SSE.
        var head = new byte[512];
        int length = 0, read;
        int first = -1;
        while (first < 0 && length < head.Length && (read = await body.ReadAsync(head.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
            first = head.AsSpan(0, length).IndexOfAnyExcept(" \t\r\n"u8);
        }

        var whole = new PrefixedStream(head.AsMemory(0, length), body);
        bool isJson = first < 0 || head[first] is (byte)'{' or (byte)'[';
        var inner = isJson
            ? WholeBody(whole, parser, pending, cancellationToken).GetAsyncEnumerator(cancellationToken)
            : SseParser.Create(whole, (eventType, data) =>
            {
                parser.Parse(eventType, data, pending);
                return 0;
            }).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (inner.ConfigureAwait(false))
        {
            while (await inner.MoveNextAsync().ConfigureAwait(false)) yield return inner.Current;
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
