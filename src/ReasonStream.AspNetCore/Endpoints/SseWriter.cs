using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using System.Text;

namespace ReasonStream.AspNetCore;

/// <summary>
/// Frames events as server-sent events. The data is one line of JSON, so every event is exactly
/// <c>id: N\nevent: KIND\ndata: JSON\n\n</c>; followers copy bytes, nothing is serialized per follower.
/// </summary>
internal static class SseWriter
{
    private static readonly byte[] KeepAlive = ": keep-alive\n\n"u8.ToArray();

    public static void WriteEvent(PipeWriter writer, RelayEvent item)
    {
        var kindLength = Encoding.UTF8.GetByteCount(item.Kind);
        var span = writer.GetSpan(4 + 20 + 8 + kindLength + 7 + item.Data.Length + 2);
        var at = 0;
        at += Copy("id: "u8, span[at..]);
        Utf8Formatter.TryFormat(item.Sequence, span[at..], out var written);
        at += written;
        at += Copy("\nevent: "u8, span[at..]);
        at += Encoding.UTF8.GetBytes(item.Kind, span[at..]);
        at += Copy("\ndata: "u8, span[at..]);
        at += Copy(item.Data, span[at..]);
        at += Copy("\n\n"u8, span[at..]);
        writer.Advance(at);
    }

    public static void WriteKeepAlive(PipeWriter writer) => writer.Write(KeepAlive);

    /// <summary>The browser's reconnection delay (the SSE <c>retry:</c> field).</summary>
    public static void WriteRetry(PipeWriter writer, TimeSpan delay) =>
        writer.Write(Encoding.UTF8.GetBytes(FormattableString.Invariant($"retry: {(long)delay.TotalMilliseconds}\n\n")));

    /// <summary>
    /// A failure of the relay itself (not part of the stored stream): a <c>relay_error</c> event without an id, so that
    /// the browser's resume position stays at the last real event. Not named <c>error</c>: EventSource would also fire
    /// its <c>onerror</c> for it, and an event without an id carries the previous one's.
    /// </summary>
    public static void WriteFailure(PipeWriter writer, RelayFailure failure)
    {
        writer.Write("event: relay_error\ndata: "u8);
        writer.Write(EventData.Error(failure.Kind, failure.Message, 0));
        writer.Write("\n\n"u8);
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }
}
