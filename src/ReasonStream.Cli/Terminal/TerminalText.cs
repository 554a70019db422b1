namespace ReasonStream.Cli.Terminal;

/// <summary>What a line written to a terminal occupies: its cells (escape sequences take none) and its rows at a width.</summary>
internal static class TerminalText
{
    /// <summary>Display cells of <paramref name="line"/>, skipping CSI (<c>ESC [ … letter</c>) and OSC (<c>ESC ] … ESC \</c>) sequences.</summary>
    public static int Cells(string line)
    {
        if (line.IndexOf('\e', StringComparison.Ordinal) < 0) return CursorTracker.CellsOf(line);
        var visible = new System.Text.StringBuilder(line.Length);
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] != '\e' || i + 1 >= line.Length)
            {
                visible.Append(line[i]);
                continue;
            }

            if (line[i + 1] == '[')
            {
                i += 2;
                while (i < line.Length && !char.IsAsciiLetter(line[i])) i++;
            }
            else if (line[i + 1] == ']')
            {
                int end = line.IndexOf("\e\\", i + 2, StringComparison.Ordinal);
                i = end < 0 ? line.Length : end + 1;
            }
        }

        return CursorTracker.CellsOf(visible.ToString());
    }

    /// <summary>Rows the line takes at <paramref name="width"/> (an empty line takes one).</summary>
    public static int Rows(string line, int width) => Math.Max(1, (Cells(line) + width - 1) / Math.Max(1, width));
}
