using System.Globalization;
using System.Text;
using ReasonStream.Cli.Terminal;

namespace ReasonStream.Cli.Markdown;

/// <summary>
/// Text in runs of one style each, wrapped to a width at spaces (a word longer than a line is cut), and written as terminal
/// lines that each end with every attribute reset, so any line can be drawn, erased and drawn again on its own.
/// </summary>
internal sealed class StyledText
{
    private readonly List<(string Text, TextStyle Style)> _runs = [];

    public bool IsEmpty => _runs.All(r => r.Text.Length == 0);

    public StyledText Add(string text, TextStyle style)
    {
        if (text.Length > 0) _runs.Add((text, style));
        return this;
    }

    public StyledText Add(StyledText other)
    {
        _runs.AddRange(other._runs);
        return this;
    }

    /// <summary>The text without styles.</summary>
    public string PlainText() => string.Concat(_runs.Select(r => r.Text));

    /// <summary>Display cells of the text (wide characters count two).</summary>
    public int Cells() => _runs.Sum(r => CellsOf(r.Text));

    /// <summary>
    /// Lines of at most <paramref name="width"/> cells, the first after <paramref name="firstPrefix"/>, the others after
    /// <paramref name="restPrefix"/> (prefixes are styled text too: bullets, quote bars). A hard line break in the text ("\n")
    /// starts a new line.
    /// </summary>
    public List<string> Wrap(int width, StyledText? firstPrefix = null, StyledText? restPrefix = null, bool links = true)
    {
        var lines = new List<string>();
        firstPrefix ??= new StyledText();
        restPrefix ??= firstPrefix;
        LineBuilder line = null!;
        int available = 0, used = 0;
        bool hasWords = false;
        (bool Has, TextStyle Style) space = default;

        void Start(StyledText prefix)
        {
            line = new LineBuilder(links);
            line.Append(prefix);
            available = Math.Max(4, width - prefix.Cells());
            used = 0;
            hasWords = false;
            space = default;
        }

        void Break()
        {
            lines.Add(line.Finish());
            Start(restPrefix);
        }

        Start(firstPrefix);
        foreach (var (word, style, breakBefore) in Words())
        {
            if (breakBefore)
            {
                Break();
                if (word.Length == 0) continue;
            }

            if (word == " ")
            {
                if (hasWords) space = (true, style);
                continue;
            }

            if (hasWords && used + (space.Has ? 1 : 0) + CellsOf(word) > available) Break();
            if (space.Has && hasWords)
            {
                line.Add(" ", space.Style);
                used++;
            }

            space = default;
            string rest = word;
            while (CellsOf(rest) > available - used)
            {
                // A word wider than the line: cut it where the line ends.
                string head = Take(rest, available - used);
                if (head.Length == 0)
                {
                    if (hasWords)
                    {
                        Break();
                        continue;
                    }

                    head = rest[..StringInfo.GetNextTextElementLength(rest)];
                }

                line.Add(head, style);
                rest = rest[head.Length..];
                Break();
            }

            line.Add(rest, style);
            used += CellsOf(rest);
            hasWords |= rest.Length > 0;
        }

        lines.Add(line.Finish());
        return lines;
    }

    /// <summary>The runs as one line, exactly (no wrapping, no folding of spaces): code keeps its indentation.</summary>
    public string Verbatim(bool links = false)
    {
        var line = new LineBuilder(links);
        line.Append(this);
        return line.Finish();
    }

    /// <summary>Words, single spaces (runs of spaces fold into one), and the words after a hard break marked as such.</summary>
    private IEnumerable<(string Word, TextStyle Style, bool BreakBefore)> Words()
    {
        bool breakNext = false;
        foreach (var (text, style) in _runs)
        {
            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                if (c == '\n')
                {
                    breakNext = true;
                    i++;
                    continue;
                }

                if (c == ' ')
                {
                    while (i < text.Length && text[i] == ' ') i++;
                    if (!breakNext) yield return (" ", style, false);
                    continue;
                }

                int end = i;
                while (end < text.Length && text[end] is not (' ' or '\n')) end++;
                yield return (text[i..end], style, breakNext);
                breakNext = false;
                i = end;
            }
        }

        if (breakNext) yield return ("", TextStyle.Plain, true);
    }

    /// <summary>The longest start of <paramref name="text"/> that fits in <paramref name="cells"/>, whole graphemes only.</summary>
    private static string Take(string text, int cells) => TerminalText.Cut(text, cells);

    public static int CellsOf(string text) => CursorTracker.CellsOf(text);

    /// <summary>One terminal line: styles switched as the runs change, links opened and closed, all reset at the end.</summary>
    private sealed class LineBuilder(bool links)
    {
        private readonly StringBuilder _text = new();
        private TextStyle _style = TextStyle.Plain;

        public void Append(StyledText text)
        {
            foreach (var (run, style) in text._runs) Add(run, style);
        }

        public void Add(string text, TextStyle style)
        {
            if (text.Length == 0) return;
            if (style != _style)
            {
                if (_style.Link is not null && links) _text.Append(Hyperlink.Close);
                if (!_style.IsPlain) _text.Append(Ansi.Reset);
                _text.Append(style.Sgr());
                if (style.Link is not null && links) _text.Append(Hyperlink.Open(style.Link));
                _style = style;
            }

            _text.Append(text);
        }

        public string Finish()
        {
            if (_style.Link is not null && links) _text.Append(Hyperlink.Close);
            if (!_style.IsPlain) _text.Append(Ansi.Reset);
            _style = TextStyle.Plain;
            return _text.ToString();
        }
    }
}
