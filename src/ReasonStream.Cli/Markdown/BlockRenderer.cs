using System.Globalization;
using ColorCode;
using Markdig.Extensions.Mathematics;
using Markdig.Extensions.Tables;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using ReasonStream.Cli.Terminal;

namespace ReasonStream.Cli.Markdown;

/// <summary>
/// Draws one markdown block as terminal lines of at most <see cref="Width"/> cells: headings, paragraphs with bold, italic,
/// strikethrough, inline code and links, lists (nested, ordered, tasks), block quotes, tables, fenced code with syntax
/// colours, math as written, rules. Text that is not code is wrapped at spaces; a code line is never wrapped (it stays
/// copyable), the terminal folds one that is too long.
/// </summary>
internal sealed class BlockRenderer(int width, bool hyperlinks, CodeHighlighter highlighter)
{
    private static readonly TextStyle Faint = new(Dim: true);
    private static readonly string[] Bullets = ["•", "◦", "▪"];

    public int Width { get; } = Math.Max(20, width);

    /// <summary>The lines of <paramref name="block"/> at the left margin.</summary>
    public List<string> Render(Block block) => Render(block, new StyledText(), new StyledText(), depth: 0);

    /// <summary>The first line of a fenced code block: a rule naming the language.</summary>
    public string CodeHeader(string? info, StyledText? prefix = null)
    {
        prefix ??= new StyledText();
        string label = string.IsNullOrWhiteSpace(info) ? "" : " " + info.Trim().Split(' ')[0] + " ";
        int rule = Math.Max(2, Width - prefix.Cells() - StyledText.CellsOf(label) - 2);
        return new StyledText().Add(prefix).Add("──" + label + new string('─', rule), Faint).Verbatim();
    }

    /// <summary>One line of code, coloured, never wrapped (tabs as four spaces).</summary>
    public string CodeLine(string code, ILanguage? language, StyledText? prefix = null)
    {
        var line = new StyledText().Add(prefix ?? new StyledText());
        foreach (var (text, style) in highlighter.Line(code.Replace("\t", "    ", StringComparison.Ordinal), language))
        {
            line.Add(text, style);
        }

        return line.Verbatim();
    }

    /// <summary>The last line of a fenced code block: a plain rule.</summary>
    public string CodeFooter(StyledText? prefix = null)
    {
        prefix ??= new StyledText();
        return new StyledText().Add(prefix).Add(new string('─', Math.Max(4, Width - prefix.Cells())), Faint).Verbatim();
    }

    private List<string> Render(Block block, StyledText first, StyledText rest, int depth)
    {
        int available = Width;
        switch (block)
        {
            case HeadingBlock heading:
                var headingStyle = heading.Level switch
                {
                    1 => new TextStyle(Bold: true, Underline: true, Color: TextStyle.Magenta),
                    2 => new TextStyle(Bold: true, Color: TextStyle.Magenta),
                    3 => new TextStyle(Bold: true),
                    _ => new TextStyle(Bold: true, Italic: true),
                };
                return Inlines(heading.Inline, headingStyle).Wrap(available, first, rest, hyperlinks);

            case ParagraphBlock paragraph:
                return Inlines(paragraph.Inline, TextStyle.Plain).Wrap(available, first, rest, hyperlinks);

            case ThematicBreakBlock:
                return [new StyledText().Add(first).Add(new string('─', Math.Max(4, available - first.Cells())), Faint).Verbatim()];

            case MathBlock math:
                return [.. CodeLines(math).Select((line, i) =>
                    new StyledText().Add(i == 0 ? first : rest).Add("  " + line, new TextStyle(Color: TextStyle.Yellow)).Verbatim())];

            case FencedCodeBlock fenced:
            {
                var language = CodeHighlighter.LanguageFor(fenced.Info);
                var lines = new List<string> { CodeHeader(fenced.Info, first) };
                lines.AddRange(CodeLines(fenced).Select(code => CodeLine(code, language, rest)));
                lines.Add(CodeFooter(rest));
                return lines;
            }

            case CodeBlock indented:
                return [.. CodeLines(indented).Select((code, i) => CodeLine("    " + code, null, i == 0 ? first : rest))];

            case QuoteBlock quote:
            {
                var bar = new StyledText().Add("│ ", Faint);
                return Children(quote, new StyledText().Add(first).Add(bar), new StyledText().Add(rest).Add(bar), depth, loose: true);
            }

            case ListBlock list:
                return RenderList(list, first, rest, depth);

            case Table table:
                return RenderTable(table, first, rest);

            case HtmlBlock html:
                return [.. CodeLines(html).Select((line, i) => new StyledText().Add(i == 0 ? first : rest).Add(line, Faint).Wrap(available, links: false)).SelectMany(l => l)];

            case LinkReferenceDefinitionGroup:
                return [];

            case ContainerBlock container:
                return Children(container, first, rest, depth, loose: true);

            case LeafBlock leaf:
                return [.. CodeLines(leaf).SelectMany((line, i) => new StyledText().Add(line, TextStyle.Plain).Wrap(available, i == 0 ? first : rest, rest, hyperlinks))];

            default:
                return [];
        }
    }

    /// <summary>A container's blocks, the first after <paramref name="first"/>, each later line after <paramref name="rest"/>.</summary>
    private List<string> Children(ContainerBlock container, StyledText first, StyledText rest, int depth, bool loose)
    {
        var lines = new List<string>();
        foreach (var child in container)
        {
            if (child is LinkReferenceDefinitionGroup) continue;
            if (lines.Count > 0 && loose) lines.Add(new StyledText().Add(rest).Verbatim().TrimEnd());
            lines.AddRange(Render(child, lines.Count == 0 ? first : rest, rest, depth));
        }

        if (lines.Count == 0) lines.Add(new StyledText().Add(first).Verbatim().TrimEnd());
        return lines;
    }

    private List<string> RenderList(ListBlock list, StyledText first, StyledText rest, int depth)
    {
        var lines = new List<string>();
        int number = list.IsOrdered && int.TryParse(list.OrderedStart, NumberStyles.None, CultureInfo.InvariantCulture, out int start) ? start : 1;
        int markerWidth = list.IsOrdered ? (number + list.Count - 1).ToString(CultureInfo.InvariantCulture).Length + 2 : 2;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            if (lines.Count > 0 && list.IsLoose) lines.Add(new StyledText().Add(rest).Verbatim().TrimEnd());
            string marker = list.IsOrdered
                ? (number++.ToString(CultureInfo.InvariantCulture) + (list.OrderedDelimiter == ')' ? ")" : ".")).PadRight(markerWidth)
                : Bullets[depth % Bullets.Length] + " ";
            var itemFirst = new StyledText().Add(lines.Count == 0 ? first : rest).Add(marker, new TextStyle(Color: TextStyle.Cyan));
            var itemRest = new StyledText().Add(rest).Add(new string(' ', StyledText.CellsOf(marker)), TextStyle.Plain);
            lines.AddRange(Children(item, itemFirst, itemRest, depth + 1, loose: list.IsLoose));
        }

        return lines;
    }

    private List<string> RenderTable(Table table, StyledText first, StyledText rest)
    {
        var rows = table.OfType<TableRow>().Select(row => (row.IsHeader, Cells: row.OfType<TableCell>()
            .Select(cell => CellText(cell, row.IsHeader)).ToList())).ToList();
        int columns = rows.Count == 0 ? 0 : rows.Max(r => r.Cells.Count);
        if (columns == 0) return [];
        const string Separator = " │ ";
        int available = Math.Max(columns * 3, Width - first.Cells() - (columns - 1) * Separator.Length);
        int[] natural = [.. Enumerable.Range(0, columns).Select(c => Math.Max(1, rows.Max(r => c < r.Cells.Count ? r.Cells[c].Cells() : 0)))];
        int[] widths = Fit(natural, available);
        var align = Enumerable.Range(0, columns)
            .Select(c => c < table.ColumnDefinitions.Count ? table.ColumnDefinitions[c].Alignment : null).ToArray();

        var lines = new List<string>();
        foreach (var (isHeader, cells) in rows)
        {
            var wrapped = Enumerable.Range(0, columns)
                .Select(c => c < cells.Count ? cells[c].Wrap(widths[c], links: hyperlinks) : [""]).ToList();
            int height = wrapped.Max(w => w.Count);
            for (int line = 0; line < height; line++)
            {
                var row = new System.Text.StringBuilder(new StyledText().Add(lines.Count == 0 ? first : rest).Verbatim());
                for (int c = 0; c < columns; c++)
                {
                    if (c > 0) row.Append(Ansi.Style(true, Ansi.Dim, Separator));
                    string cell = line < wrapped[c].Count ? wrapped[c][line] : "";
                    int pad = Math.Max(0, widths[c] - TerminalText.Cells(cell));
                    int before = align[c] switch { TableColumnAlign.Right => pad, TableColumnAlign.Center => pad / 2, _ => 0 };
                    row.Append(' ', before).Append(cell).Append(' ', c == columns - 1 && before == 0 ? 0 : pad - before);
                }

                lines.Add(row.ToString().TrimEnd());
            }

            if (isHeader)
            {
                string rule = string.Join("─┼─", widths.Select(w => new string('─', w)));
                lines.Add(new StyledText().Add(rest).Add(rule, Faint).Verbatim());
            }
        }

        return lines;
    }

    /// <summary>Column widths that fit <paramref name="available"/> cells: narrow columns keep their width, the wide ones share the rest.</summary>
    private static int[] Fit(int[] natural, int available)
    {
        if (natural.Sum() <= available) return natural;
        int[] widths = new int[natural.Length];
        var open = Enumerable.Range(0, natural.Length).ToList();
        int left = available;
        while (open.Count > 0)
        {
            int share = Math.Max(3, left / open.Count);
            var fitting = open.Where(c => natural[c] <= share).ToList();
            if (fitting.Count == 0)
            {
                foreach (int c in open) widths[c] = share;
                break;
            }

            foreach (int c in fitting)
            {
                widths[c] = natural[c];
                left -= natural[c];
                open.Remove(c);
            }
        }

        return widths;
    }

    private StyledText CellText(TableCell cell, bool header)
    {
        var text = new StyledText();
        foreach (var block in cell)
        {
            if (block is LeafBlock { Inline: { } inline })
            {
                if (!text.IsEmpty) text.Add(" ", TextStyle.Plain);
                text.Add(Inlines(inline, header ? new TextStyle(Bold: true) : TextStyle.Plain));
            }
        }

        return text;
    }

    private static IEnumerable<string> CodeLines(LeafBlock block)
    {
        var lines = block.Lines;
        if (lines.Lines is null) yield break; // a block with no lines yet (an opening fence or $$ alone)
        for (int i = 0; i < lines.Count; i++) yield return lines.Lines[i].Slice.ToString();
    }

    /// <summary>The text of a block's inlines, styled.</summary>
    private StyledText Inlines(ContainerInline? container, TextStyle style)
    {
        var text = new StyledText();
        if (container is null) return text;
        foreach (var inline in container) AddInline(text, inline, style);
        return text;
    }

    private void AddInline(StyledText text, Inline inline, TextStyle style)
    {
        switch (inline)
        {
            case LiteralInline literal:
                text.Add(literal.Content.ToString(), style);
                break;
            case EmphasisInline emphasis:
                var inner = emphasis.DelimiterChar == '~'
                    ? style with { Strike = true }
                    : emphasis.DelimiterCount >= 2 ? style with { Bold = true } : style with { Italic = true };
                foreach (var child in emphasis) AddInline(text, child, inner);
                break;
            case CodeInline code:
                text.Add(code.Content, style with { Color = TextStyle.Cyan });
                break;
            case MathInline math:
                string delimiter = new(math.Delimiter, math.DelimiterCount);
                text.Add(delimiter + math.Content.ToString() + delimiter, style with { Color = TextStyle.Yellow });
                break;
            case TaskList task:
                text.Add(task.Checked ? "☑ " : "☐ ", style with { Color = TextStyle.Cyan });
                break;
            case AutolinkInline autolink:
                text.Add(autolink.Url, Linked(style, autolink.Url));
                break;
            case LinkInline { IsImage: true } image:
                text.Add("[image: ", style with { Dim = true });
                foreach (var child in image) AddInline(text, child, style with { Dim = true });
                text.Add("] ", style with { Dim = true });
                text.Add(image.Url ?? "", Linked(style with { Dim = true }, image.Url));
                break;
            case LinkInline link:
            {
                var linked = Linked(style, link.Url);
                var label = new StyledText();
                foreach (var child in link) AddInline(label, child, linked);
                text.Add(label);
                // Without a clickable link the target is shown, unless the text already is it.
                if (linked.Link is null && !string.IsNullOrEmpty(link.Url) && label.PlainText() != link.Url)
                {
                    text.Add(" (" + link.Url + ")", style with { Dim = true });
                }

                break;
            }

            case LineBreakInline lineBreak:
                text.Add(lineBreak.IsHard ? "\n" : " ", style);
                break;
            case HtmlEntityInline entity:
                text.Add(entity.Transcoded.ToString(), style);
                break;
            case HtmlInline html:
                text.Add(html.Tag, style with { Dim = true });
                break;
            case DelimiterInline opening:
                // An opening that found no closing ("[" with no link, a lone "*") is text, as Markdig's own HTML renderer writes it.
                text.Add(opening.ToLiteral(), style);
                foreach (var child in opening) AddInline(text, child, style);
                break;
            case ContainerInline container:
                foreach (var child in container) AddInline(text, child, style);
                break;
        }
    }

    private TextStyle Linked(TextStyle style, string? url) =>
        style with { Underline = true, Color = TextStyle.Blue, Link = hyperlinks && url is not null ? Hyperlink.Clickable(url) : null };
}
