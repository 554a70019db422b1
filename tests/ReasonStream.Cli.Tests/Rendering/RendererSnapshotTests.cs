using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Exchange;
using ReasonStream.Cli.Rendering;
using ReasonStream.Cli.Tests.Support;

namespace ReasonStream.Cli.Tests.Rendering;

/// <summary>
/// What the renderer writes for a fixed stream with a fixed clock, against verified files (Snapshots/*.verified.txt): the
/// escape codes of the live header, the plain labels, the exact texts of a redirected stream. The reasoning's duration
/// comes from the library's <see cref="ReasoningEnded"/>, not from the renderer's clock.
/// </summary>
public sealed class RendererSnapshotTests
{
    private static readonly Endpoint Endpoint = new(Providers.DeepSeek, WireProtocol.ChatCompletions, "http://127.0.0.1/v1", "deepseek-flash", null, null);
    private static readonly ExchangeRequest Request = new(Endpoint, new RequestSettings(), [Message.User("Q")], "Q", null, "c0ffee00", 1);

    [Fact]
    public void Plain_redirected_output_is_the_exact_texts()
    {
        var (stdout, stderr, renderer) = Create(terminal: false, color: false);

        Play(renderer, new ManualClock());

        Assert.Equal("Thinking about it.\nDone.\n", stderr.ToString());
        Assert.Equal("The answer is 42.\n", stdout.ToString());
    }

    [Fact]
    public void Plain_terminal_output_labels_the_thinking_without_escape_codes()
    {
        var clock = new ManualClock();
        var (stdout, stderr, renderer) = Create(terminal: true, color: false, clock);

        Play(renderer, clock);

        Snapshot.Verify(stderr.ToString(), "stderr");
        Snapshot.Verify(stdout.ToString(), "stdout");
    }

    [Fact]
    public void Colour_terminal_draws_a_live_header_over_dim_reasoning()
    {
        var clock = new ManualClock();
        var (stdout, stderr, renderer) = Create(terminal: true, color: true, clock);

        Play(renderer, clock);

        Snapshot.Verify(stderr.ToString(), "stderr");
        Snapshot.Verify(stdout.ToString(), "stdout");
    }

    [Fact]
    public void A_retry_is_said_below_the_live_header_which_still_redraws_in_place()
    {
        var clock = new ManualClock();
        var (_, stderr, renderer) = Create(terminal: true, color: true, clock);

        renderer.Begin(Request, logId: null);
        renderer.Retrying(new RetryNotice(new ConnectionFailedException("refused", null), 1, TimeSpan.FromSeconds(2.1)));
        clock.Advance(TimeSpan.FromSeconds(1));
        renderer.Tick();

        Snapshot.Verify(stderr.ToString());
    }

    [Fact]
    public void Json_lines_are_one_object_per_update_then_a_summary()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var renderer = new JsonLinesRenderer(new ConsoleTarget(stdout, false, false), new ConsoleTarget(stderr, false, false), new OutputSettings { Json = true });
        renderer.Begin(Request, logId: null);
        var accumulator = new ChatAccumulator();
        foreach (var update in Updates())
        {
            accumulator.Add(update);
            renderer.Update(update);
        }

        renderer.End(ExchangeOutcome.Succeeded(accumulator.ToResult()));

        string[] lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("""{"type":"reasoning","text":"Thinking about it.\n"}""", lines[0]);
        Assert.Equal("""{"type":"answer","text":"The answer is 42."}""", lines[2]);
        Assert.Equal("""{"type":"usage","usage":{"prompt_tokens":5,"completion_tokens":9,"output_tokens":9,"reasoning_tokens":4,"cached_tokens":null,"cache_hit_tokens":null,"cache_miss_tokens":null,"total_tokens":14}}""", lines[3]);
        Assert.Equal("""{"type":"finish","finish_reason":"stop","truncated":false}""", lines[4]);
        Assert.StartsWith("""{"type":"summary","status":"ok","provider":"deepseek","model":"deepseek-flash",""", lines[5], StringComparison.Ordinal);
        Assert.Equal("", stderr.ToString());
    }

    private static (StringWriter Stdout, StringWriter Stderr, HumanRenderer Renderer) Create(bool terminal, bool color, ManualClock? clock = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var renderer = new HumanRenderer(
            new ConsoleTarget(stdout, terminal, color, 80, 24),
            new ConsoleTarget(stderr, terminal, color, 80, 24),
            new OutputSettings(),
            clock ?? new ManualClock(),
            animate: false);
        return (stdout, stderr, renderer);
    }

    private static void Play(HumanRenderer renderer, ManualClock clock)
    {
        renderer.Begin(Request, logId: null);
        var accumulator = new ChatAccumulator();
        var updates = Updates();
        foreach (var update in updates)
        {
            if (update is ReasoningEnded) clock.Advance(TimeSpan.FromSeconds(1.5)); // the renderer's clock says 2.5 s too, but the library's 2.4 s is shown
            accumulator.Add(update);
            renderer.Update(update);
            renderer.Flush(); // as the exchange runner does after an update it waited for
            if (update is ReasoningDelta { Text: "Done." })
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                renderer.Tick();
            }
        }

        renderer.End(ExchangeOutcome.Succeeded(accumulator.ToResult()));
    }

    private static List<StreamUpdate> Updates() =>
    [
        new ReasoningDelta("Thinking about it.\n"),
        new ReasoningDelta("Done."),
        new ReasoningEnded(TimeSpan.FromSeconds(2.4)),
        new AnswerDelta("The answer is 42."),
        new UsageUpdate(new TokenUsage { PromptTokens = 5, CompletionTokens = 9, ReasoningTokens = 4, TotalTokens = 14 }),
        new StreamFinished("stop"),
    ];

    /// <summary>A clock that moves only when told.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
