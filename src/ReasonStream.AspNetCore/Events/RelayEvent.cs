namespace ReasonStream.AspNetCore;

/// <summary>
/// One event of a relayed stream as stored and sent: its position (the SSE <c>id</c>, from 1, contiguous), its kind
/// (the SSE <c>event</c>) and its JSON data (one line of UTF-8, so it frames as a single <c>data:</c> line).
/// </summary>
internal sealed class RelayEvent(long sequence, string kind, byte[] data)
{
    public long Sequence { get; } = sequence;

    public string Kind { get; } = kind;

    public byte[] Data { get; } = data;

    /// <summary>A <c>finish</c> or <c>error</c> event: nothing follows it.</summary>
    public bool IsTerminal => RelayEventKinds.IsTerminal(Kind);

    /// <summary>Bytes this event holds in memory, for the limits and the benchmark.</summary>
    public int Size => Data.Length + Kind.Length * 2 + 40;
}
