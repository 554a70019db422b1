using System.Text;
using ColorCode;
using Markdig.Syntax;

namespace ReasonStream.Cli.Markdown;

/// <summary>
/// An answer's markdown, rendered while it streams. A block is drawn once it can no longer change — when the next block has
/// begun (a heading or a rule as soon as its line ends) — and fenced code line by line as its lines end; the block still
/// growing is offered as a <see cref="Preview"/> to redraw in place. Every block is rendered from its own source alone, so
/// the lines drawn while streaming are exactly those of the whole answer rendered at once (<see cref="RenderAll"/>).
/// Appending only stores the text: the parsing happens when the lines are asked for, so its cost follows how often the
/// caller draws (once per flush), not how many pieces the answer arrives in.
/// </summary>
internal sealed class MarkdownStream(BlockRenderer renderer)
{
    private BlockRenderer renderer = renderer;

    private readonly StringBuilder _text = new();
    private readonly List<string> _committed = [];
    private int _tailStart;
    private int _completeEnd;
    private int _blocksDrawn;
    private OpenCode? _code;

    /// <summary>The whole of <paramref name="markdown"/>, as the stream would end up drawing it.</summary>
    public static List<string> RenderAll(string markdown, BlockRenderer renderer)
    {
        var stream = new MarkdownStream(renderer);
        stream.Append(markdown);
        stream.Complete();
        return stream.TakeCommitted();
    }

    /// <summary>Renders what is not drawn yet with <paramref name="next"/> (the window was resized): drawn lines stay as they are.</summary>
    public void Use(BlockRenderer next) => renderer = next;

    /// <summary>How many times markdown was parsed (for tests: the work follows the draws, not the deltas).</summary>
    internal int Parses { get; private set; }

    /// <summary>How many characters were parsed in all (for tests: a burst of blocks costs its length, not its square).</summary>
    internal long ParsedCharacters { get; private set; }

    /// <summary>More of the answer (already free of control characters); read at the next <see cref="TakeCommitted"/> or <see cref="Preview"/>.</summary>
    public void Append(string delta) => _text.Append(delta);

    /// <summary>The answer ended (or stopped): everything left is drawn.</summary>
    public void Complete()
    {
        _completeEnd = _text.Length;
        Advance(final: true);
    }

    /// <summary>The lines that became final since the last call, in order.</summary>
    public List<string> TakeCommitted()
    {
        Settle();
        var lines = new List<string>(_committed);
        _committed.Clear();
        return lines;
    }

    /// <summary>The block still growing, rendered as it stands (with the blank line that will precede it).</summary>
    public List<string> Preview()
    {
        Settle();
        if (_tailStart >= _text.Length) return [];
        if (_code is { } code)
        {
            // Inside fenced code: its complete lines are drawn; the line being typed is the preview.
            string partial = _text.ToString(_completeEnd, _text.Length - _completeEnd);
            return partial.Length == 0 ? [] : [renderer.CodeLine(Unindent(partial, code.Indent), code.Language)];
        }

        string tail = _text.ToString(_tailStart, _text.Length - _tailStart);
        var blocks = Blocks(Parse(tail));
        if (blocks.Count == 0) return [];
        // Earlier blocks of the tail are complete and will be drawn at the next line end; show them too.
        var lines = new List<string>();
        int drawn = _blocksDrawn;
        for (int i = 0; i < blocks.Count; i++)
        {
            int end = i + 1 < blocks.Count ? blocks[i + 1].Span.Start : tail.Length;
            if (drawn++ > 0) lines.Add("");
            lines.AddRange(RenderSource(tail[blocks[i].Span.Start..end]));
        }

        return lines;
    }

    /// <summary>Draws the blocks that the lines completed since the last call made final.</summary>
    private void Settle()
    {
        int lastNewline = LastNewline();
        if (lastNewline + 1 > _completeEnd)
        {
            _completeEnd = lastNewline + 1;
            Advance(final: false);
        }
    }

    /// <summary>
    /// Draws the complete blocks from one parse of the text not yet drawn — not one parse per block, which made a burst of
    /// many blocks cost the square of its length. The last block waits unless the text is final (it may still grow);
    /// a fenced code block streams its lines as they arrive.
    /// </summary>
    private void Advance(bool final)
    {
        if (_tailStart >= _completeEnd) return;
        string complete = _text.ToString(_tailStart, _completeEnd - _tailStart);
        var blocks = Blocks(Parse(complete));
        if (blocks.Count == 0)
        {
            if (final) _tailStart = _completeEnd;
            return;
        }

        int drawnTo = 0;
        for (int i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            bool last = i == blocks.Count - 1;
            int end = last ? complete.Length : blocks[i + 1].Span.Start;
            if (block is FencedCodeBlock fenced and not Markdig.Extensions.Mathematics.MathBlock)
            {
                bool closed = !last || final || fenced.ClosingFencedCharCount > 0;
                StreamCode(fenced, complete, closed);
                if (!closed) break;
                _code = null;
            }
            else if (last && !final && block is not (HeadingBlock or ThematicBreakBlock))
            {
                break; // still growing: the preview shows it
            }
            else
            {
                Draw(RenderSource(complete[block.Span.Start..end]));
            }

            drawnTo = end;
        }

        _tailStart += drawnTo;
    }

    /// <summary>A fenced block's header and complete lines as they arrive; its footer once it is closed.</summary>
    private void StreamCode(FencedCodeBlock fenced, string source, bool closed)
    {
        if (_code is null)
        {
            _code = new OpenCode(CodeHighlighter.LanguageFor(fenced.Info), fenced.IndentCount);
            Draw([renderer.CodeHeader(fenced.Info)]);
        }

        var lines = fenced.Lines;
        if (lines.Lines is null)
        {
            if (closed) _committed.Add(renderer.CodeFooter());
            return;
        }

        // While the block is open its last line may still be the one being typed only when the source does not end there;
        // the source given here always ends at a line end, so every line Markdig holds is complete.
        for (int i = _code.Emitted; i < lines.Count; i++)
        {
            _committed.Add(renderer.CodeLine(lines.Lines[i].Slice.ToString(), _code.Language));
        }

        _code.Emitted = lines.Count;
        if (closed) _committed.Add(renderer.CodeFooter());
        _ = source;
    }

    /// <summary>A block's lines, after the blank line that separates it from the one before.</summary>
    private void Draw(List<string> lines)
    {
        if (lines.Count == 0) return;
        if (_blocksDrawn++ > 0) _committed.Add("");
        _committed.AddRange(lines);
    }

    /// <summary>A block rendered from its own source (what a later block defines never changes it).</summary>
    private List<string> RenderSource(string source)
    {
        var lines = new List<string>();
        foreach (var block in Blocks(Parse(source))) lines.AddRange(renderer.Render(block));
        return lines;
    }

    private MarkdownDocument Parse(string source)
    {
        Parses++;
        ParsedCharacters += source.Length;
        return MarkdownSyntax.Parse(source);
    }

    private static List<Block> Blocks(MarkdownDocument document) => [.. document.Where(b => b is not LinkReferenceDefinitionGroup)];

    private int LastNewline()
    {
        for (int i = _text.Length - 1; i >= _completeEnd; i--)
        {
            if (_text[i] == '\n') return i;
        }

        return _completeEnd - 1;
    }

    /// <summary>A line inside a fence indented like the fence loses that indentation, as CommonMark takes it off.</summary>
    private static string Unindent(string line, int indent)
    {
        int i = 0;
        while (i < indent && i < line.Length && line[i] == ' ') i++;
        return line[i..];
    }

    /// <summary>The fenced block being drawn line by line: its language, how many lines are drawn, the fence's indentation.</summary>
    private sealed class OpenCode(ILanguage? language, int indent)
    {
        public ILanguage? Language { get; } = language;
        public int Indent { get; } = indent;
        public int Emitted { get; set; }
    }
}
