using System.Text;
using ReasonStream.Cli.Markdown;
using ReasonStream.Cli.Terminal;

namespace ReasonStream.Cli.Rendering;

/// <summary>
/// The answer as markdown on a colour terminal, while it streams: the blocks that can no longer change are written for good,
/// and the block still growing is drawn below them and redrawn in place (erased relative to the cursor and written again in
/// one write, inside the terminal's synchronized-update brackets where it has them) — at most a screen's height of it, its
/// last rows, so nothing is ever left half-erased in the scrollback. Nothing waits for the end of the answer: what arrived
/// is drawn at the renderer's next flush — once for deltas that arrived together, since redrawing the growing block means
/// parsing it again.
/// </summary>
internal sealed class MarkdownAnswer
{
    private const string BeginUpdate = "\e[?2026h";
    private const string EndUpdate = "\e[?2026l";

    private readonly ConsoleTarget _stdout;
    private readonly bool _hyperlinks;
    private readonly CodeHighlighter _highlighter = new();
    private readonly MarkdownStream _stream;
    private List<string> _preview = [];
    private int _previewRows;
    private int _width;
    private bool _pending;

    public MarkdownAnswer(ConsoleTarget stdout, bool hyperlinks)
    {
        _stdout = stdout;
        _hyperlinks = hyperlinks;
        _width = stdout.Width;
        _stream = new MarkdownStream(new BlockRenderer(_width, hyperlinks, _highlighter));
    }

    /// <summary>How many times the answer's markdown was parsed (for tests: it follows the draws, not the deltas).</summary>
    internal int Parses => _stream.Parses;

    /// <summary>How many characters the stream parsed in all (for tests).</summary>
    internal long ParsedCharacters => _stream.ParsedCharacters;

    /// <summary>More of the answer, free of control characters; drawn by the next <see cref="Draw"/>.</summary>
    public void Append(string text)
    {
        _stream.Append(text);
        _pending = true;
    }

    /// <summary>Draws what arrived since the last draw: the lines that became final, and the growing block again.</summary>
    public void Draw()
    {
        if (!_pending) return;
        _pending = false;
        Redraw(final: false);
    }

    /// <summary>The answer ended or stopped: the rest is drawn for good.</summary>
    public void Complete()
    {
        _pending = false;
        FollowWidth();
        _stream.Complete();
        Redraw(final: true);
    }

    /// <summary>Resized: what is drawn stays as it was; the rest is drawn for the new width.</summary>
    private void FollowWidth()
    {
        if (_stdout.Width == _width) return;
        // The preview's rows are counted at the new width, as a terminal that reflows its lines now shows them.
        _width = _stdout.Width;
        _previewRows = _preview.Sum(line => TerminalText.Rows(line, _width));
        _stream.Use(new BlockRenderer(_width, _hyperlinks, _highlighter));
    }

    private void Redraw(bool final)
    {
        if (!final) FollowWidth();
        var committed = _stream.TakeCommitted();
        var preview = final ? [] : LastRows(_stream.Preview(), Math.Max(1, _stdout.Height - 2));
        if (committed.Count == 0 && preview.SequenceEqual(_preview)) return;

        var output = new StringBuilder(BeginUpdate);
        // The usual case: the preview on screen became final as it stands (the next block began). It stays; only what is new
        // is written.
        bool kept = _preview.Count > 0 && committed.Count >= _preview.Count && committed.Take(_preview.Count).SequenceEqual(_preview);
        if (kept) committed = committed[_preview.Count..];
        else if (_previewRows > 0) output.Append(Ansi.Up(_previewRows)).Append('\r').Append("\e[J");
        foreach (string line in committed) output.Append(line).Append('\n');
        foreach (string line in preview) output.Append(line).Append('\n');
        output.Append(EndUpdate);
        _stdout.Writer.Write(output.ToString());
        _preview = preview;
        _previewRows = preview.Sum(line => TerminalText.Rows(line, _width));
    }

    /// <summary>The last lines of <paramref name="lines"/> that fit in <paramref name="rows"/> rows.</summary>
    private List<string> LastRows(List<string> lines, int rows)
    {
        int used = 0, start = lines.Count;
        while (start > 0 && used + TerminalText.Rows(lines[start - 1], _width) <= rows) used += TerminalText.Rows(lines[--start], _width);
        return start == 0 ? lines : lines[start..];
    }
}
