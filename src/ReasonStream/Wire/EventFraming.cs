using System.Buffers;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace ReasonStream;

/// <summary>
/// Splits a response body into events and hands each event's data to the protocol's <see cref="ProtocolReader"/>:
/// Server-Sent Events (<see cref="SseParser"/>) for most protocols, one event per line for Ollama's native API
/// (whatever its content type says), and the whole body as one event for a plain JSON reply (a server that
/// ignored <c>stream</c>). Each step of the returned enumerator reads exactly one event into <c>pending</c>.
/// No event may exceed the size limit, so a hostile server cannot make the client hold unbounded memory.
/// With <c>sync</c>, every read is a blocking <see cref="Stream.Read(Span{byte})"/> on the caller's thread, so each step
/// of the enumerator completes before it returns: the synchronous API needs no thread-pool thread to make progress.
/// </summary>
internal static class EventFraming
{
    public static IAsyncEnumerator<SseItem<int>> Open(Stream body, string? mediaType, ProtocolModule protocol, ProtocolReader reader, List<StreamUpdate> pending, int maxEventSize, bool sync, CancellationToken cancellationToken)
    {
        if (protocol.Framing == EventFramingKind.JsonLines ||
            string.Equals(mediaType, "application/x-ndjson", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(mediaType, "application/jsonl", StringComparison.OrdinalIgnoreCase))
        {
            return Lines(body, reader, pending, maxEventSize, sync, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }

        if (string.Equals(mediaType, "text/html", StringComparison.OrdinalIgnoreCase))
        {
            // A login or error page from a proxy, sent with 200: show what it says.
            return NotAStream(body, mediaType!, reader.KeyToRedact, sync, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }

        if (ForeignStream(mediaType) is { } foreign)
        {
            throw new StreamProtocolException($"The server sent {mediaType} ({foreign}), not the event stream {WireProtocols.Describe(protocol.Protocol)} uses; check the base URL and the protocol.");
        }

        var guarded = new EventSizeGuard(body, maxEventSize);
        if (string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return JsonOrMislabelledSse(guarded, reader, pending, maxEventSize, sync, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }

        // The hot path: SseParser's own enumerator, with no wrapper around it.
        return Sse(guarded, reader, pending, sync, cancellationToken);
    }

    private static IAsyncEnumerator<SseItem<int>> Sse(Stream body, ProtocolReader reader, List<StreamUpdate> pending, bool sync, CancellationToken cancellationToken)
    {
        var parser = SseParser.Create(body, (eventType, data) =>
        {
            reader.Parse(eventType, data, pending);
            return 0;
        });
        return sync ? new Completed<SseItem<int>>(parser.Enumerate().GetEnumerator()) : parser.EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    /// <summary>Reads <paramref name="buffer"/> from <paramref name="body"/>, blocking the caller's thread when <paramref name="sync"/>.</summary>
    internal static ValueTask<int> ReadAsync(Stream body, Memory<byte> buffer, bool sync, CancellationToken cancellationToken) =>
        sync ? new ValueTask<int>(body.Read(buffer.Span)) : body.ReadAsync(buffer, cancellationToken);

    /// <summary>A synchronous enumerator seen as an asynchronous one whose every step is already complete.</summary>
    private sealed class Completed<T>(IEnumerator<T> inner) : IAsyncEnumerator<T>
    {
        public T Current => inner.Current;

        public ValueTask<bool> MoveNextAsync() => new(inner.MoveNext());

        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return default;
        }
    }

    private static string? ForeignStream(string? mediaType) => mediaType?.ToLowerInvariant() switch
    {
        "application/vnd.amazon.eventstream" => "an AWS event stream, as Bedrock sends",
        "application/grpc" or "application/grpc+proto" => "a gRPC stream",
        "application/octet-stream" or "application/protobuf" or "application/x-protobuf" => "binary data",
        _ => null,
    };

    private static async IAsyncEnumerable<SseItem<int>> Lines(Stream body, ProtocolReader reader, List<StreamUpdate> pending, int maxEventSize, bool sync, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Lines are cut on raw bytes and parsed as bytes, so invalid UTF-8 is reported by the reader as a
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
                    bool parsed = ParseLine(reader, buffer.AsSpan(start, newline), pending);
                    start += newline + 1;
                    if (parsed) yield return new SseItem<int>(0);
                    continue;
                }

                if (end - start > maxEventSize) throw TooLarge(maxEventSize);
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

                int read = await ReadAsync(body, buffer.AsMemory(end), sync, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    if (end > start && ParseLine(reader, buffer.AsSpan(start, end - start), pending)) yield return new SseItem<int>(0);
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

    private static bool ParseLine(ProtocolReader reader, ReadOnlySpan<byte> line, List<StreamUpdate> pending)
    {
        line = line.Trim(" \t\r"u8);
        if (line.IsEmpty) return false;
        reader.Parse("message", line, pending);
        return true;
    }

    private static async IAsyncEnumerable<SseItem<int>> NotAStream(Stream body, string mediaType, string? apiKey, bool sync, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        int total = 0, read;
        while (total < buffer.Length && (read = await ReadAsync(body, buffer.AsMemory(total), sync, cancellationToken).ConfigureAwait(false)) > 0) total += read;
        string excerpt = ErrorMapper.Excerpt(buffer.AsSpan(0, total).ToArray(), apiKey);
        throw new StreamProtocolException($"The server answered 200 with {mediaType} instead of an event stream: {excerpt}") { OffendingBytes = excerpt };
#pragma warning disable CS0162 // an iterator needs a yield to be one
        yield break;
#pragma warning restore CS0162
    }

    private static async IAsyncEnumerable<SseItem<int>> JsonOrMislabelledSse(Stream body, ProtocolReader reader, List<StreamUpdate> pending, int maxEventSize, bool sync, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // "application/json" is usually one JSON reply, but some proxies label an event stream so: look at the
        // first byte that is not white space, and stream it live when it is SSE.
        var head = new byte[512];
        int length = 0, read;
        int first = -1;
        while (first < 0 && length < head.Length && (read = await ReadAsync(body, head.AsMemory(length), sync, cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
            first = head.AsSpan(0, length).IndexOfAnyExcept(" \t\r\n"u8);
        }

        var whole = new PrefixedStream(head.AsMemory(0, length), body);
        bool isJson = first < 0 || head[first] is (byte)'{' or (byte)'[';
        var inner = isJson ? WholeBody(whole, reader, pending, maxEventSize, sync, cancellationToken).GetAsyncEnumerator(cancellationToken) : Sse(whole, reader, pending, sync, cancellationToken);
        await using (inner.ConfigureAwait(false))
        {
            while (await inner.MoveNextAsync().ConfigureAwait(false)) yield return inner.Current;
        }
    }

    private static async IAsyncEnumerable<SseItem<int>> WholeBody(Stream body, ProtocolReader reader, List<StreamUpdate> pending, int maxEventSize, bool sync, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await ReadAsync(body, chunk.AsMemory(), sync, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxEventSize) throw TooLarge(maxEventSize);
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        reader.Parse("message", buffer.GetBuffer().AsSpan(0, (int)buffer.Length), pending);
        yield return new SseItem<int>(0);
    }

    internal static StreamProtocolException TooLarge(int maxEventSize) =>
        new($"The stream is malformed: an event is larger than {(maxEventSize / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture)} MiB (ReasoningClientOptions.MaxEventSize); it was not read further.");
}
