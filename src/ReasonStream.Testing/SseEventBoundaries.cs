namespace ReasonStream.Testing;

/// <summary>Finds where SSE events end: just after each blank line (<c>\n\n</c>, <c>\r\n\r\n</c> or <c>\r\r</c>).</summary>
internal static class SseEventBoundaries
{
    /// <summary>The offsets just past each blank line, ascending. Comment blocks count as events too.</summary>
    public static int[] Find(ReadOnlySpan<byte> body)
    {
        var boundaries = new List<int>();
        var lineStart = 0;
        var i = 0;
        while (i < body.Length)
        {
            var b = body[i];
            if (b is not (byte)'\n' and not (byte)'\r')
            {
                i++;
                continue;
            }

            var lineEnd = b == '\r' && i + 1 < body.Length && body[i + 1] == '\n' ? i + 2 : i + 1;
            if (i == lineStart) boundaries.Add(lineEnd);
            lineStart = lineEnd;
            i = lineEnd;
        }

        return [.. boundaries];
    }
}
