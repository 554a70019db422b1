using System.Buffers.Text;
using System.Text;

namespace ReasonStream.AspNetCore;

/// <summary>
/// The pub/sub payload that carries a batch of events to the other instances: one line per event,
/// <c>POSITION KIND DATA\n</c>. DATA is one line of JSON and KIND has no space, so the format needs no escaping.
/// </summary>
internal static class LiveMessage
{
    public static byte[] Encode(IReadOnlyList<RelayEvent> events)
    {
        var size = 0;
        foreach (var item in events) size += 20 + 1 + item.Kind.Length + 1 + item.Data.Length + 1;
        var buffer = new byte[size];
        var at = 0;
        foreach (var item in events)
        {
            Utf8Formatter.TryFormat(item.Sequence, buffer.AsSpan(at), out var written);
            at += written;
            buffer[at++] = (byte)' ';
            at += Encoding.ASCII.GetBytes(item.Kind, buffer.AsSpan(at));
            buffer[at++] = (byte)' ';
            item.Data.CopyTo(buffer.AsSpan(at));
            at += item.Data.Length;
            buffer[at++] = (byte)'\n';
        }

        return buffer.AsSpan(0, at).ToArray();
    }

    public static List<RelayEvent> Decode(ReadOnlySpan<byte> payload)
    {
        var events = new List<RelayEvent>();
        while (payload.Length > 0)
        {
            var end = payload.IndexOf((byte)'\n');
            var line = end < 0 ? payload : payload[..end];
            payload = end < 0 ? [] : payload[(end + 1)..];
            var firstSpace = line.IndexOf((byte)' ');
            if (firstSpace <= 0 || !Utf8Parser.TryParse(line[..firstSpace], out long sequence, out _)) continue;
            var rest = line[(firstSpace + 1)..];
            var secondSpace = rest.IndexOf((byte)' ');
            if (secondSpace <= 0) continue;
            events.Add(new RelayEvent(sequence, Kind(rest[..secondSpace]), rest[(secondSpace + 1)..].ToArray()));
        }

        return events;
    }

    /// <summary>The relay's own kinds as their shared strings (no allocation per event); any other kind as read.</summary>
    public static string Kind(ReadOnlySpan<byte> kind) => kind switch
    {
        _ when kind.SequenceEqual("reasoning"u8) => RelayEventKinds.Reasoning,
        _ when kind.SequenceEqual("answer"u8) => RelayEventKinds.Answer,
        _ when kind.SequenceEqual("tool_call"u8) => RelayEventKinds.ToolCall,
        _ when kind.SequenceEqual("usage"u8) => RelayEventKinds.Usage,
        _ when kind.SequenceEqual("finish"u8) => RelayEventKinds.Finish,
        _ when kind.SequenceEqual("error"u8) => RelayEventKinds.Error,
        _ => Encoding.ASCII.GetString(kind),
    };
}
