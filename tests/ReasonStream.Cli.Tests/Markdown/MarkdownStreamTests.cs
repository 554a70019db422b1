using ReasonStream.Cli.Markdown;
using ReasonStream.Cli.Terminal;
using ReasonStream.Cli.Tests.Support;

namespace ReasonStream.Cli.Tests.Markdown;

/// <summary>
/// The streaming markdown view: a block is drawn once it can no longer change, code line by line, and whatever the pieces
/// the answer arrives in, the lines drawn are exactly those of the whole answer rendered at once.
/// </summary>
public sealed class MarkdownStreamTests
{
    private static BlockRenderer Renderer(int width = 60, bool links = false) => new(width, links, new CodeHighlighter());

    public static TheoryData<string, int> Chunkings()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in new[] { "rich", "open fence", "lazy" })
        {
            foreach (int size in new[] { 1, 2, 3, 7, 16, 61, 0 }) data.Add(name, size); // 0: irregular pieces
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Chunkings))]
    public void Streaming_draws_exactly_what_rendering_the_whole_answer_draws(string fixture, int pieceSize)
    {
        string text = Fixture(fixture);
        var whole = MarkdownStream.RenderAll(text, Renderer());
        var stream = new MarkdownStream(Renderer());
        var drawn = new List<string>();

        foreach (string piece in Pieces(text, pieceSize))
        {
            stream.Append(piece);
            drawn.AddRange(stream.TakeCommitted());
            _ = stream.Preview(); // drawing the preview changes nothing of what is committed
        }

        stream.Complete();
        drawn.AddRange(stream.TakeCommitted());
        Assert.Equal(whole, drawn);
    }

    [Fact]
    public void A_block_is_drawn_when_the_next_one_begins_and_shown_as_a_preview_until_then()
    {
        var stream = new MarkdownStream(Renderer());

        stream.Append("First paragraph, still growing");
        Assert.Empty(stream.TakeCommitted());
        Assert.Equal(["First paragraph, still growing"], stream.Preview());

        stream.Append(".\n\n# Next\n");
        Assert.Equal(["First paragraph, still growing.", "", "\e[1;4;35mNext\e[0m"], stream.TakeCommitted()); // a heading is final at its line end
        Assert.Empty(stream.Preview());
    }

    [Fact]
    public void Fenced_code_is_drawn_line_by_line_and_the_line_being_typed_is_the_preview()
    {
        var stream = new MarkdownStream(Renderer(40));

        stream.Append("```json\n{\"a\": 1,\n\"b\"");

        var committed = stream.TakeCommitted();
        Assert.Equal(2, committed.Count);
        Assert.Contains("json", committed[0]);
        Assert.Equal("{\"a\": 1,", Plain(committed[1]));
        Assert.Equal(["\"b\""], stream.Preview().Select(Plain));
    }

    [Fact]
    public void A_rich_answer_renders_as_verified()
    {
        var lines = MarkdownStream.RenderAll(MarkdownFixtures.Rich, Renderer(60, links: true));

        Snapshot.Verify(string.Join("\n", lines) + "\n");
    }

    [Fact]
    public void Text_is_wrapped_to_the_width_and_code_is_not()
    {
        foreach (int width in new[] { 20, 33, 60, 100 })
        {
            var lines = MarkdownStream.RenderAll(MarkdownFixtures.Rich, Renderer(width));
            var overflow = lines.Where(l => TerminalText.Cells(l) > width && !l.Contains("return", StringComparison.Ordinal) && !l.Contains("int_0", StringComparison.Ordinal)).ToList();
            Assert.True(overflow.Count == 0, $"width {width}: " + string.Join("\n", overflow.Select(Snapshot.Visible)));
        }
    }

    [Fact]
    public void LaTeX_stays_as_written()
    {
        var lines = MarkdownStream.RenderAll("Let $x_1 + y_1 = z_*$ and **bold**.", Renderer());

        Assert.Contains("$x_1 + y_1 = z_*$", Plain(lines[0]));
    }

    [Theory]
    [InlineData("a [bracket with no link", "a [bracket with no link")]
    [InlineData("x [2J[31mRED]0; y", "x [2J[31mRED]0; y")]
    [InlineData("3 * 4 and *a lone star", "3 * 4 and *a lone star")]
    [InlineData("![alt with no image", "![alt with no image")]
    public void Brackets_and_stars_that_open_nothing_stay_in_the_text(string markdown, string shown)
    {
        var lines = MarkdownStream.RenderAll(markdown, Renderer());

        Assert.Equal(shown, Plain(Assert.Single(lines)));
    }

    [Theory]
    [InlineData("https://example.org/a", true)]
    [InlineData("mailto:me@example.org", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("file:///etc/passwd", false)]
    public void Only_web_and_mail_links_are_made_clickable(string url, bool clickable)
    {
        var line = MarkdownStream.RenderAll($"[click]({url})", Renderer(links: true))[0];

        Assert.Equal(clickable, line.Contains("\e]8;;" + url, StringComparison.Ordinal));
        if (!clickable) Assert.Contains("(" + url + ")", Plain(line)); // the target is shown instead
    }

    private static string Fixture(string name) => name switch
    {
        "rich" => MarkdownFixtures.Rich,
        "open fence" => MarkdownFixtures.OpenFence,
        _ => MarkdownFixtures.Lazy,
    };

    private static IEnumerable<string> Pieces(string text, int size)
    {
        var random = new Random(7);
        for (int i = 0; i < text.Length;)
        {
            int length = Math.Min(text.Length - i, size > 0 ? size : random.Next(1, 12));
            if (char.IsHighSurrogate(text[i + length - 1]) && i + length < text.Length) length++;
            yield return text.Substring(i, length);
            i += length;
        }
    }

    /// <summary>The visible text of a line (escape sequences taken out).</summary>
    private static string Plain(string line) => System.Text.RegularExpressions.Regex.Replace(line, "\e\\[[0-9;?]*[A-Za-z]|\e\\]8;;[^\e]*\e\\\\", "");
}
