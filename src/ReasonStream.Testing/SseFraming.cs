namespace ReasonStream.Testing;

/// <summary>Frames one-JSON-per-line recordings as SSE.</summary>
internal static class SseFraming
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] DoneEvent = "data: [DONE]\n\n"u8.ToArray();

    /// <summary>Each non-blank line (without its <c>\n</c> or <c>\r\n</c>) becomes <c>data: LINE\n\n</c>; then optionally <c>data: [DONE]\n\n</c>.</summary>
    public static byte[] FrameJsonLines(ReadOnlySpan<byte> jsonLines, bool appendDone)
    {
        using var framed = new MemoryStream(jsonLines.Length + (jsonLines.Length / 4) + DoneEvent.Length);
        while (!jsonLines.IsEmpty)
        {
            var newline = jsonLines.IndexOf((byte)'\n');
            var line = newline < 0 ? jsonLines : jsonLines[..newline];
            jsonLines = newline < 0 ? [] : jsonLines[(newline + 1)..];
            if (line.EndsWith("\r"u8)) line = line[..^1];
            if (line.Trim(" \t"u8).IsEmpty) continue;

            framed.Write(DataPrefix);
            framed.Write(line);
            framed.Write(EventEnd);
        }

        if (appendDone) framed.Write(DoneEvent);
        return framed.ToArray();
    }
}
