using System.Globalization;
using System.Text;

namespace ReasonStream.Cli.Terminal;

/// <summary>
/// Follows where the cursor is after text is written to a terminal of a given width, counting rows from a
/// starting line (soft wraps included), so a line above can be redrawn with relative cursor moves.
/// </summary>
internal sealed class CursorTracker(int width)
{
    private int width = width;
    private int _lineCells;

    /// <summary>Rows below the starting line.</summary>
    public int Row { get; private set; }

    /// <summary>Cells used on the current row; equal to the width when a wrap is pending.</summary>
    public int Column { get; private set; }

    /// <summary>True when the terminal holds a pending wrap: moving the cursor now would lose it.</summary>
    public bool WrapPending => Column >= width;

    /// <summary>The width the cursor is followed at (compare it with the window's to see a resize).</summary>
    public int Width => width;

    /// <summary>True when the last thing written was a space: a word starting the next delta may move to a new row.</summary>
    public bool AfterSpace { get; private set; }

    /// <summary>The word being written at the end of the current row (empty after a space or a line break).</summary>
    public string Word => _word.ToString();

    private readonly StringBuilder _word = new();

    /// <summary>
    /// The window was resized: rows count at <paramref name="newWidth"/> from now on, and the cursor's column is where a
    /// terminal that reflows its lines puts it (the cells written since the last line break, folded at the new width).
    /// </summary>
    public void Resize(int newWidth)
    {
        width = Math.Max(1, newWidth);
        Column = _lineCells == 0 ? 0 : ((_lineCells - 1) % width) + 1;
    }

    /// <summary>
    /// True when the cursor would wait to wrap on a terminal <paramref name="atWidth"/> wide: <see cref="WrapPending"/> at the
    /// tracker's width, else the current line folded at <paramref name="atWidth"/> (as <see cref="Resize"/> would) ends at the edge.
    /// </summary>
    public bool WrapPendingAt(int atWidth) =>
        atWidth == width ? WrapPending : _lineCells > 0 && _lineCells % Math.Max(1, atWidth) == 0;

    public void NewLine()
    {
        _lineCells = 0;
        AfterSpace = false;
        _word.Clear();
        Row++;
        Column = 0;
    }

    public void Advance(string text)
    {
        for (int at = 0; at < text.Length;)
        {
            // Escape sequences occupy no cells (TerminalText knows their shapes); the wrapper's are always followed by a line break.
            int escape = TerminalText.EscapeLength(text, at);
            if (escape > 0)
            {
                at += escape;
                continue;
            }

            string element = text.Substring(at, StringInfo.GetNextTextElementLength(text.AsSpan(at)));
            at += element.Length;

            AfterSpace = element == " ";
            if (element == "\n" || element == "\r\n")
            {
                NewLine();
                continue;
            }

            if (AfterSpace) _word.Clear();

            int cells = element == "\t" ? 8 - (Column % 8) : CellWidth(element);
            if (cells == 0) continue;
            if (Column + cells > width)
            {
                Row++;
                Column = 0;
                _word.Clear();
            }

            Column += cells;
            _lineCells += cells;
            if (!AfterSpace) _word.Append(element);
        }
    }

    /// <summary>Terminal cells of <paramref name="text"/> (no escape sequences in it): wide characters count two.</summary>
    public static int CellsOf(string text)
    {
        int cells = 0;
        var graphemes = StringInfo.GetTextElementEnumerator(text);
        while (graphemes.MoveNext()) cells += CellWidth(graphemes.GetTextElement());
        return cells;
    }

    /// <summary>Terminal cells of one grapheme: 2 for East Asian wide characters and emoji, else 1.</summary>
    public static int CellWidth(string grapheme)
    {
        Rune.DecodeFromUtf16(grapheme, out var rune, out _);
        int value = rune.Value;
        if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format) return 0;
        bool wide =
            (value >= 0x1100 && value <= 0x115F) ||
            (value >= 0x2E80 && value <= 0xA4CF && value != 0x303F) ||
            (value >= 0xAC00 && value <= 0xD7A3) ||
            (value >= 0xF900 && value <= 0xFAFF) ||
            (value >= 0xFE30 && value <= 0xFE4F) ||
            (value >= 0xFF00 && value <= 0xFF60) ||
            (value >= 0xFFE0 && value <= 0xFFE6) ||
            (value >= 0x1F300 && value <= 0x1FAFF) ||
            (value >= 0x20000 && value <= 0x3FFFD);
        return wide ? 2 : 1;
    }
}
