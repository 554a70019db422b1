using System.Globalization;
using System.Text;

namespace ReasonStream.Cli.Terminal;

/// <summary>
/// What a line written to a terminal occupies: its cells (escape sequences take none, a grapheme takes its display width)
/// and its rows at a width; and the longest start of it that fits in a number of cells. The one place that knows how
/// long an escape sequence is.
/// </summary>
internal static class TerminalText
{
    private const char Escape = '\e';
    private const char Bell = '\a';

    /// <summary>Display cells of <paramref name="line"/>: escape sequences (CSI, OSC, and two-character ones) take none.</summary>
    public static int Cells(string line)
    {
        if (line.IndexOf(Escape, StringComparison.Ordinal) < 0) return CursorTracker.CellsOf(line);
        var visible = new StringBuilder(line.Length);
        for (int i = 0; i < line.Length;)
        {
            int length = EscapeLength(line, i);
            if (length == 0) visible.Append(line[i++]);
            else i += length;
        }

        return CursorTracker.CellsOf(visible.ToString());
    }

    /// <summary>Rows the line takes at <paramref name="width"/> (an empty line takes one).</summary>
    public static int Rows(string line, int width) => Math.Max(1, (Cells(line) + width - 1) / Math.Max(1, width));

    /// <summary>
    /// The longest start of <paramref name="line"/> that takes at most <paramref name="cells"/> cells: whole graphemes only
    /// (never half a surrogate pair or an emoji without its joiners), and every escape sequence before the cut kept whole.
    /// </summary>
    public static string Cut(string line, int cells)
    {
        int used = 0, i = 0;
        while (i < line.Length)
        {
            int escape = EscapeLength(line, i);
            if (escape > 0)
            {
                i += escape;
                continue;
            }

            int length = StringInfo.GetNextTextElementLength(line.AsSpan(i));
            int width = CursorTracker.CellWidth(line.Substring(i, length));
            if (used + width > cells) break;
            used += width;
            i += length;
        }

        return line[..i];
    }

    /// <summary>
    /// The length of the escape sequence that starts at <paramref name="at"/> (0 when none does): CSI (<c>ESC [</c>,
    /// parameters, a final byte from <c>@</c> to <c>~</c>), OSC (<c>ESC ]</c> up to <c>ESC \</c> or BEL), or ESC and one
    /// character. An unfinished sequence runs to the end of the text.
    /// </summary>
    internal static int EscapeLength(string text, int at)
    {
        if (text[at] != Escape) return 0;
        if (at + 1 >= text.Length) return 1;
        int i = at + 2;
        switch (text[at + 1])
        {
            case '[':
                while (i < text.Length && text[i] is < '@' or > '~') i++;
                return Math.Min(text.Length, i + 1) - at;
            case ']':
                while (i < text.Length && text[i] != Bell && !(text[i] == Escape && i + 1 < text.Length && text[i + 1] == '\\')) i++;
                if (i < text.Length) i += text[i] == Bell ? 1 : 2;
                return i - at;
            default:
                return 2;
        }
    }
}
