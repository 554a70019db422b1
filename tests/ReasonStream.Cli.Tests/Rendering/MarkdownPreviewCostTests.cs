using System.Text;
using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Exchange;
using ReasonStream.Cli.Rendering;

namespace ReasonStream.Cli.Tests.Rendering;

/// <summary>
/// The markdown preview redraws the block still growing, which means parsing it again: that happens once per flush (the
/// runner flushes when no further update is ready), never once per delta, so a long list or table streamed in small
/// deltas does not cost the square of its length.
/// </summary>
public sealed class MarkdownPreviewCostTests
{
    private static readonly Endpoint Endpoint = new(Providers.DeepSeek, WireProtocol.ChatCompletions, "http://127.0.0.1/v1", "deepseek-flash", null, null);
    private static readonly ExchangeRequest Request = new(Endpoint, new RequestSettings(), [Message.User("Q")], "Q", null, "c0ffee00", 1);

    [Fact]
    public void A_long_list_in_small_deltas_is_parsed_once_per_flush_not_once_per_delta()
    {
        string list = string.Concat(Enumerable.Range(1, 300).Select(i => $"- item {i} of a long list\n"));
        var (_, renderer, markdown) = Create();
        renderer.Begin(Request, logId: null);

        int deltas = 0, flushes = 0;
        foreach (string piece in Pieces(list, 3))
        {
            renderer.Update(new AnswerDelta(piece));
            if (++deltas % 100 == 0)
            {
                renderer.Flush();
                flushes++;
            }
        }

        renderer.End(ExchangeOutcome.Succeeded(new ChatAccumulator().ToResult()));

        Assert.True(deltas > 2_000, $"{deltas} deltas");
        // A flush parses the new complete lines, the preview, and the preview's block to render it; the end, the rest.
        Assert.True(markdown.Parses <= (3 * flushes) + 3, $"{markdown.Parses} parses for {flushes} flushes and {deltas} deltas");
    }

    [Fact]
    public void Many_complete_blocks_arriving_in_one_burst_are_drawn_from_one_parse()
    {
        string paragraphs = string.Concat(Enumerable.Range(1, 400).Select(i => $"Paragraph {i}, short and complete.\n\n"));
        var (stdout, renderer, markdown) = Create();
        renderer.Begin(Request, logId: null);
        foreach (string piece in Pieces(paragraphs, 8)) renderer.Update(new AnswerDelta(piece));

        renderer.Flush();

        // Once to find the blocks, once more each to render it from its own source: twice the text, not 400 times.
        Assert.True(markdown.ParsedCharacters <= 3 * paragraphs.Length, $"{markdown.ParsedCharacters} characters parsed for {paragraphs.Length} in one flush");
        Assert.Contains("Paragraph 399, short", stdout.Flushed, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_new_since_the_last_flush_parses_nothing()
    {
        var (_, renderer, markdown) = Create();
        renderer.Begin(Request, logId: null);
        renderer.Update(new AnswerDelta("| a | b |\n|---|---|\n| 1 | 2 |\n"));
        renderer.Flush();
        int parses = markdown.Parses;

        renderer.Update(new UsageUpdate(new TokenUsage { PromptTokens = 1, CompletionTokens = 1, TotalTokens = 2 }));
        renderer.Flush();
        renderer.Flush();

        Assert.Equal(parses, markdown.Parses);
    }

    [Fact]
    public void What_arrived_is_on_the_terminal_after_the_flush_that_follows_it()
    {
        var (stdout, renderer, _) = Create();
        renderer.Begin(Request, logId: null);

        renderer.Update(new AnswerDelta("1. first\n2. sec"));
        renderer.Update(new AnswerDelta("ond"));
        renderer.Flush();

        Assert.Contains("second", stdout.Flushed, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(stdout.Flushed, "first"));
    }

    private static (FlushRecordingWriter Stdout, HumanRenderer Renderer, MarkdownAnswer Markdown) Create()
    {
        var stdout = new FlushRecordingWriter();
        var renderer = new HumanRenderer(
            new ConsoleTarget(stdout, isTerminal: true, color: true, 80, 24),
            new ConsoleTarget(new StringWriter(), isTerminal: true, color: true, 80, 24),
            new OutputSettings(),
            animate: false,
            hyperlinks: false);
        return (stdout, renderer, renderer.Markdown!);
    }

    private static IEnumerable<string> Pieces(string text, int size)
    {
        for (int i = 0; i < text.Length; i += size) yield return text.Substring(i, Math.Min(size, text.Length - i));
    }

    private static int Occurrences(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    /// <summary>A writer that keeps what was written and, apart, what had been flushed (what a terminal would show).</summary>
    private sealed class FlushRecordingWriter : StringWriter
    {
        private readonly StringBuilder _flushed = new();

        public string Flushed => _flushed.ToString();

        public override void Flush()
        {
            _flushed.Clear().Append(ToString());
            base.Flush();
        }
    }
}
