using System.Text;
using System.Text.Json;

namespace ReasonStream;

/// <summary>
/// Reads one stream's events into updates, for one protocol. The framing hands it each event's data; it keeps
/// the stream's state (finish reason, end, error) for the client loop. Not thread-safe: one per stream.
/// </summary>
internal abstract class ProtocolReader(WireProtocol protocol, ReasoningClientOptions options)
{
    private readonly bool _includeRaw = options.IncludeRawChunks;

    private static ReadOnlySpan<byte> DoneMarker => "[DONE]"u8;

    /// <summary>The protocol this reader reads.</summary>
    public WireProtocol Protocol { get; } = protocol;

    /// <summary>The finish reason, once the stream named one (normalised to the chat-completions names).</summary>
    public string? FinishReason { get; protected set; }

    /// <summary>True once the stream's end marker arrived (<c>[DONE]</c>, <c>message_stop</c>, <c>response.completed</c>, <c>done: true</c>).</summary>
    public bool Done { get; protected set; }

    /// <summary>An error the provider reported inside the stream.</summary>
    public ProviderError? Error { get; protected set; }

    /// <summary>How many data events were read.</summary>
    public int Events { get; private set; }

    /// <summary>The key the request carried, redacted from any excerpt of the stream before it is cut (a hostile server may echo it).</summary>
    public string? KeyToRedact { get; } = options.ApiKey;

    /// <summary>True once an event of this protocol was recognised: until then an unrecognised event is a protocol error naming what arrived.</summary>
    protected bool Recognised { get; set; }

    /// <summary>Reads one event's data, appending its updates to <paramref name="output"/>.</summary>
    /// <exception cref="StreamProtocolException">The data is not valid JSON, not UTF-8, or not this protocol.</exception>
    public void Parse(string eventType, ReadOnlySpan<byte> data, List<StreamUpdate> output)
    {
        if (data.IsEmpty) return;
        if (data[0] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            data = data.Trim(" \t\r\n"u8); // rare: the framing already took the line's own spacing off
            if (data.IsEmpty) return;
        }

        Events++;
        if (data[0] == (byte)'[' && data.TrimEnd(" \t\r\n"u8).SequenceEqual(DoneMarker))
        {
            Done = true;
            return;
        }

        if (_includeRaw) output.Add(new RawChunk(eventType, Encoding.UTF8.GetString(data)));
        try
        {
            Read(eventType, data, output);
        }
        catch (JsonException ex)
        {
            throw Malformed("an event's data is not valid JSON (" + ex.Message + ")", data, ex);
        }
        catch (FormatException ex)
        {
            throw Malformed("an event's data holds a number out of range (" + ex.Message + ")", data, ex);
        }
        catch (InvalidOperationException ex)
        {
            throw Malformed("an event's data holds invalid UTF-8 or an unexpected value (" + ex.Message + ")", data, ex);
        }
    }

    /// <summary>Reads one event's data (not empty, not <c>[DONE]</c>).</summary>
    protected abstract void Read(string eventType, ReadOnlySpan<byte> data, List<StreamUpdate> output);

    /// <summary>Releases anything held back, at the end of the stream.</summary>
    public virtual void Flush(List<StreamUpdate> output)
    {
    }

    /// <summary>
    /// The first events are not this protocol's: fail naming what arrived, rather than reading nothing and
    /// reporting a dropped stream.
    /// </summary>
    protected StreamProtocolException NotThisProtocol(string eventType, ReadOnlySpan<byte> data) =>
        Malformed($"the client reads {WireProtocols.Describe(Protocol)}, but the server sent {StreamShape.Describe(eventType, data)}; check the base URL and the protocol", data, null);

    internal StreamProtocolException Malformed(string what, ReadOnlySpan<byte> data, Exception? inner)
    {
        // All of it redacted before the cut (an error path, bounded by MaxEventSize), so no key straddling the cut, once or
        // twice, leaves its first characters behind; the description too, which quotes the server's own names.
        var redacted = ErrorMapper.Redact(data, KeyToRedact);
        string shown = Escape(redacted.AsSpan(0, Math.Min(redacted.Length, 200))) + (redacted.Length > 200 ? "…" : "");
        return new StreamProtocolException("The stream is malformed: " + ErrorMapper.Redact(what, KeyToRedact) + ". Offending data: " + shown, inner) { OffendingBytes = shown };
    }

    internal static string Escape(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Length);
        foreach (byte b in bytes)
        {
            if (b is >= 0x20 and < 0x7F) builder.Append((char)b);
            else builder.Append("\\x").Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>The raw JSON text of the value the reader stands on (an object or array), stepping over it.</summary>
    protected static string RawValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        int start = (int)reader.TokenStartIndex;
        reader.Skip();
        return Encoding.UTF8.GetString(data[start..(int)reader.BytesConsumed]);
    }

    /// <summary>Steps over the value after the property name the reader stands on.</summary>
    protected static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }
}
