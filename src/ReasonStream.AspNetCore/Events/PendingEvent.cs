namespace ReasonStream.AspNetCore;

/// <summary>
/// An event before it has a position: text pieces stay text so that consecutive pieces of the same kind can be
/// joined into one event when they pile up behind a slow store write (fewer, larger events; never a delay).
/// </summary>
internal readonly record struct PendingEvent(string Kind, string? Text, byte[]? Data, long ElapsedMilliseconds)
{
    public static PendingEvent ForText(string kind, string text, long elapsed) => new(kind, text, null, elapsed);

    public static PendingEvent ForData(string kind, byte[] data, long elapsed) => new(kind, null, data, elapsed);

    public bool IsTerminal => RelayEventKinds.IsTerminal(Kind);
}
