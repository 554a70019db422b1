using System.Globalization;
using System.Text;
using ReasonStream.Cli.Terminal;

namespace ReasonStream.Cli.Interaction;

/// <summary>What the person at the prompt did: a line to send, Ctrl+C on an empty prompt, or the end (Ctrl+D, a closed terminal).</summary>
internal readonly record struct EditResult(EditOutcome Outcome, string Text = "");

internal enum EditOutcome
{
    Line,
    Interrupted,
    End,
}

/// <summary>
/// The prompt of `reason chat` on a terminal: a small line editor in the terminal's raw mode. Arrows, Home/End and
/// Ctrl+A/E/B/F move; Alt+B/F and Ctrl+arrows move by words; Backspace/Delete, Ctrl+W/U/K (and Ctrl+Y to put back) edit;
/// Up/Down (Ctrl+P/N) walk the history kept across sessions, Ctrl+R searches it; a bracketed paste arrives as one block,
/// line breaks and all; Alt+Enter, or a prompt opened with <c>"""</c>, writes more than one line; Enter sends. Ctrl+C clears
/// the line (on an empty one it is the session's to decide); Ctrl+D on an empty line ends. No control character is ever
/// part of the text. It is redrawn relative to the cursor, so it wraps and follows a resize.
/// </summary>
internal sealed class LineEditor(KeyReader keys, TextWriter output, Func<int> width, ChatHistory history, bool color)
{
    private const string TripleQuote = "\"\"\"";
    private readonly StringBuilder _text = new();
    private int _cursor;
    private int _cursorRow;
    private int _lastWidth;
    private string _killed = "";
    private int _historyIndex;
    private string _draft = "";
    private string? _search;
    private int _searchFrom;
    private string _beforeSearch = "";

    private string Prompt => color ? "\e[1;36m›\e[0m " : "› ";

    private string Continuation => color ? "\e[2m…\e[0m " : "… ";

    private static int PromptCells => 2;

    /// <summary>Keeps a sent line for Up/Down and Ctrl+R.</summary>
    public void Remember(string line) => history.Add(line);

    /// <summary>Reads one prompt; the terminal is in raw mode meanwhile, and back as it was after.</summary>
    public EditResult ReadLine()
    {
        using var raw = RawTerminal.Enter();
        _text.Clear();
        _cursor = 0;
        _cursorRow = 0;
        _historyIndex = history.Entries.Count;
        _search = null;
        _lastWidth = width();
        output.Write("\e[?2004h"); // bracketed paste on
        Redraw();
        try
        {
            while (true)
            {
                var key = keys.Next();
                if (_search is not null)
                {
                    if (SearchKey(key) is { } searched) return searched;
                    continue;
                }

                if (Handle(key) is { } result) return result;
                Redraw();
            }
        }
        finally
        {
            output.Write("\e[?2004l");
            output.Flush();
        }
    }

    private EditResult? Handle(Key key)
    {
        string text = _text.ToString();
        switch (key.Action)
        {
            case KeyAction.Insert:
            case KeyAction.Paste:
                Insert(key.Text);
                break;
            case KeyAction.NewLine:
                Insert("\n");
                break;
            case KeyAction.Submit:
                if (OpenTripleQuote(text))
                {
                    Insert("\n");
                    break;
                }

                return Finish(new EditResult(EditOutcome.Line, Unquote(text)));
            case KeyAction.Left:
                _cursor = PreviousBoundary(text, _cursor);
                break;
            case KeyAction.Right:
                if (_cursor < text.Length) _cursor += StringInfo.GetNextTextElementLength(text, _cursor);
                break;
            case KeyAction.WordLeft:
                _cursor = WordStartBefore(text, _cursor);
                break;
            case KeyAction.WordRight:
                _cursor = WordEndAfter(text, _cursor);
                break;
            case KeyAction.Home:
                _cursor = LineStart(text, _cursor);
                break;
            case KeyAction.End:
                _cursor = LineEnd(text, _cursor);
                break;
            case KeyAction.Up:
                if (text.LastIndexOf('\n', Math.Max(0, _cursor - 1)) >= 0 && _cursor > 0 && text[..(_cursor)].Contains('\n', StringComparison.Ordinal)) MoveLine(text, -1);
                else Recall(_historyIndex - 1);
                break;
            case KeyAction.Down:
                if (text.IndexOf('\n', _cursor) >= 0) MoveLine(text, +1);
                else Recall(_historyIndex + 1);
                break;
            case KeyAction.Backspace:
                if (_cursor > 0) Remove(PreviousBoundary(text, _cursor), _cursor, kill: false);
                break;
            case KeyAction.Delete:
                if (_cursor < text.Length) Remove(_cursor, _cursor + StringInfo.GetNextTextElementLength(text, _cursor), kill: false);
                break;
            case KeyAction.DeleteWordBefore:
                Remove(WordStartBefore(text, _cursor), _cursor, kill: true);
                break;
            case KeyAction.DeleteWordAfter:
                Remove(_cursor, WordEndAfter(text, _cursor), kill: true);
                break;
            case KeyAction.DeleteToStart:
                Remove(LineStart(text, _cursor), _cursor, kill: true);
                break;
            case KeyAction.DeleteToEnd:
                Remove(_cursor, LineEnd(text, _cursor), kill: true);
                break;
            case KeyAction.Yank:
                Insert(_killed);
                break;
            case KeyAction.Search:
                _search = "";
                _searchFrom = history.Entries.Count - 1;
                _beforeSearch = text;
                break;
            case KeyAction.ClearScreen:
                output.Write("\e[H\e[2J");
                _cursorRow = 0;
                break;
            case KeyAction.Interrupt:
                if (text.Length == 0) return Finish(new EditResult(EditOutcome.Interrupted));
                // A non-empty line is dropped, as a shell does: ^C, and a fresh prompt.
                MoveToEnd();
                output.Write(color ? "\e[2m^C\e[0m\r\n" : "^C\r\n");
                _text.Clear();
                _cursor = 0;
                _cursorRow = 0;
                break;
            case KeyAction.EndOfInput:
                if (key.Text != "ctrl-d" || text.Length == 0) return Finish(new EditResult(EditOutcome.End));
                if (_cursor < text.Length) Remove(_cursor, _cursor + StringInfo.GetNextTextElementLength(text, _cursor), kill: false);
                break;
        }

        return null;
    }

    /// <summary>Ctrl+R: each key refines the search, Ctrl+R looks further back, Enter sends the match, Esc or Ctrl+G leaves it.</summary>
    private EditResult? SearchKey(Key key)
    {
        switch (key.Action)
        {
            case KeyAction.Insert or KeyAction.Paste:
                _search += key.Text.Replace("\n", " ", StringComparison.Ordinal);
                _searchFrom = history.Entries.Count - 1;
                break;
            case KeyAction.Backspace:
                if (_search!.Length > 0) _search = _search[..^1];
                _searchFrom = history.Entries.Count - 1;
                break;
            case KeyAction.Search:
                _searchFrom = Match() is { } index ? index - 1 : _searchFrom;
                break;
            case KeyAction.Cancel or KeyAction.Interrupt:
                _search = null;
                Load(_beforeSearch);
                Redraw();
                return null;
            case KeyAction.EndOfInput when key.Text != "ctrl-d":
                return Finish(new EditResult(EditOutcome.End));
            case KeyAction.Submit:
                string chosen = Match() is { } found ? history.Entries[found] : _beforeSearch;
                _search = null;
                Load(chosen);
                Redraw();
                return Finish(new EditResult(EditOutcome.Line, chosen));
            default:
                // Any other key takes the match into the line, to edit it.
                var match = Match();
                _search = null;
                Load(match is { } m ? history.Entries[m] : _beforeSearch);
                if (match is { } m2) _historyIndex = m2;
                Redraw();
                return null;
        }

        RedrawSearch();
        return null;
    }

    private int? Match()
    {
        for (int i = Math.Min(_searchFrom, history.Entries.Count - 1); i >= 0; i--)
        {
            if (_search!.Length == 0 || history.Entries[i].Contains(_search, StringComparison.OrdinalIgnoreCase)) return i;
        }

        return null;
    }

    private EditResult Finish(EditResult result)
    {
        MoveToEnd();
        output.Write("\r\n");
        output.Flush();
        return result;
    }

    private void Insert(string text)
    {
        if (text.Length == 0) return;
        _text.Insert(_cursor, text);
        _cursor += text.Length;
    }

    private void Remove(int from, int to, bool kill)
    {
        if (to <= from) return;
        if (kill) _killed = _text.ToString(from, to - from);
        _text.Remove(from, to - from);
        _cursor = from;
    }

    private void Load(string text)
    {
        _text.Clear().Append(text);
        _cursor = text.Length;
    }

    /// <summary>History entry <paramref name="index"/> into the line (past the newest: what was being typed).</summary>
    private void Recall(int index)
    {
        if (index < 0 || index > history.Entries.Count) return;
        if (_historyIndex == history.Entries.Count) _draft = _text.ToString();
        _historyIndex = index;
        Load(index == history.Entries.Count ? _draft : history.Entries[index]);
    }

    /// <summary>Up or down a line of a prompt of several lines, keeping the column where it can.</summary>
    private void MoveLine(string text, int direction)
    {
        int start = LineStart(text, _cursor);
        int column = _cursor - start;
        if (direction < 0)
        {
            int previousEnd = start - 1;
            int previousStart = LineStart(text, previousEnd);
            _cursor = Math.Min(previousStart + column, previousEnd);
        }
        else
        {
            int nextStart = LineEnd(text, _cursor) + 1;
            _cursor = Math.Min(nextStart + column, LineEnd(text, nextStart));
        }
    }

    /// <summary>Draws the prompt and its text where the last drawing began, and puts the cursor where it belongs.</summary>
    private void Redraw()
    {
        int columns = Math.Max(10, width());
        if (columns != _lastWidth)
        {
            // Resized: the rows above the cursor are counted as a terminal that reflows them shows them now.
            _cursorRow = Layout(_text.ToString(), _cursor, columns).CursorRow;
            _lastWidth = columns;
        }

        string text = _text.ToString();
        var display = new StringBuilder();
        if (_cursorRow > 0) display.Append(Ansi.Up(_cursorRow));
        display.Append('\r').Append("\e[J");
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (i > 0) display.Append("\r\n");
            display.Append(i == 0 ? Prompt : Continuation).Append(lines[i]);
        }

        var (cursorRow, cursorColumn, endRow, exactFill) = Layout(text, _cursor, columns);
        if (exactFill) display.Append("\r\n"); // a row filled to its edge: go to the next one, as the cursor may need it
        int up = endRow - cursorRow;
        if (up > 0) display.Append(Ansi.Up(up));
        display.Append('\r');
        if (cursorColumn > 0) display.Append("\e[").Append(cursorColumn.ToString(CultureInfo.InvariantCulture)).Append('C');
        output.Write(display.ToString());
        output.Flush();
        _cursorRow = cursorRow;
    }

    private void RedrawSearch()
    {
        var match = Match();
        string found = match is { } m ? history.Entries[m].Replace("\n", " ⏎ ", StringComparison.Ordinal) : (_search!.Length == 0 ? "" : "(no match)");
        string line = $"(search) '{_search}': {found}";
        int columns = Math.Max(10, width());
        if (CursorTracker.CellsOf(line) >= columns) line = line[..Math.Max(0, columns - 2)] + "…";
        output.Write((_cursorRow > 0 ? Ansi.Up(_cursorRow) : "") + "\r\e[J" + (color ? "\e[2m" + line + "\e[0m" : line));
        output.Flush();
        _cursorRow = 0;
    }

    /// <summary>Moves to the end of what is drawn, so output after it starts below.</summary>
    private void MoveToEnd()
    {
        int columns = Math.Max(10, width());
        var (cursorRow, _, endRow, _) = Layout(_text.ToString(), _cursor, columns);
        int down = endRow - cursorRow;
        output.Write(down > 0 ? Ansi.Down(down) : "");
    }

    /// <summary>Where the cursor and the end of the text fall, in rows from the prompt's row and columns, at <paramref name="columns"/>.</summary>
    private static (int CursorRow, int CursorColumn, int EndRow, bool ExactFill) Layout(string text, int cursor, int columns)
    {
        string[] lines = text.Split('\n');
        int row = 0, offset = 0, cursorRow = 0, cursorColumn = 0;
        bool exactFill = false;
        for (int i = 0; i < lines.Length; i++)
        {
            int cells = PromptCells + CursorTracker.CellsOf(lines[i]);
            if (cursor >= offset && cursor <= offset + lines[i].Length)
            {
                int before = PromptCells + CursorTracker.CellsOf(lines[i][..(cursor - offset)]);
                cursorRow = row + before / columns;
                cursorColumn = before % columns;
            }

            int rows = Math.Max(1, (cells + columns - 1) / columns);
            exactFill = i == lines.Length - 1 && cells % columns == 0;
            row += i == lines.Length - 1 ? (exactFill ? rows : rows - 1) : rows;
            offset += lines[i].Length + 1;
        }

        return (cursorRow, cursorColumn, row, exactFill);
    }

    private static bool OpenTripleQuote(string text)
    {
        if (!text.TrimStart().StartsWith(TripleQuote, StringComparison.Ordinal)) return false;
        string[] lines = text.Split('\n');
        return !(lines.Length > 1 && lines[^1].Trim() == TripleQuote) && !(lines.Length == 1 && text.Trim().Length > 6 && text.Trim().EndsWith(TripleQuote, StringComparison.Ordinal));
    }

    /// <summary>A prompt written between <c>"""</c> lines, without them.</summary>
    internal static string Unquote(string text)
    {
        string trimmed = text.Trim();
        if (!trimmed.StartsWith(TripleQuote, StringComparison.Ordinal) || !trimmed.EndsWith(TripleQuote, StringComparison.Ordinal) || trimmed.Length < 6) return text;
        return trimmed[3..^3].Trim('\n');
    }

    private static int LineStart(string text, int index) => index == 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;

    private static int LineEnd(string text, int index)
    {
        int end = text.IndexOf('\n', Math.Min(index, text.Length));
        return end < 0 ? text.Length : end;
    }

    private static int PreviousBoundary(string text, int index)
    {
        if (index <= 0) return 0;
        int previous = 0;
        for (int at = 0; at < index;)
        {
            previous = at;
            at += Math.Max(1, StringInfo.GetNextTextElementLength(text, at));
        }

        return previous;
    }

    private static bool IsWord(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static int WordStartBefore(string text, int index)
    {
        int i = index;
        while (i > 0 && !IsWord(text[i - 1])) i--;
        while (i > 0 && IsWord(text[i - 1])) i--;
        return i;
    }

    private static int WordEndAfter(string text, int index)
    {
        int i = index;
        while (i < text.Length && !IsWord(text[i])) i++;
        while (i < text.Length && IsWord(text[i])) i++;
        return i;
    }
}
