using ReasonStream.Cli.Tests.Markdown;
using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary>
/// Markdown answers on a real terminal (tmux applies the escape codes): rendered as they stream, ending on the screen the
/// whole answer rendered at once gives; the model's own text with --raw, the config's "markdown": false, or no terminal.
/// </summary>
public sealed class MarkdownTerminalTests
{
    private const string Answer = MarkdownFixtures.Rich;

    [TerminalFact]
    public async Task A_markdown_answer_is_rendered_on_a_colour_terminal()
    {
        using var sandbox = Colour(new Sandbox().WithKey());
        await using var server = await ReplayServer.StartAsync(Streams.Known(answer: Answer));

        string screen = await TmuxTerminal.RunAsync(sandbox, LiveServer.Args(server, "Q"), width: 72);

        string answer = AfterThinking(screen);
        Assert.Contains("• First, Frey noticed a curve", answer);
        Assert.Contains("who    │ year │", answer);
        Assert.DoesNotContain("**", answer);
        Assert.DoesNotContain("```", answer);
        Snapshot.Verify(answer + "\n");
    }

    [TerminalFact]
    public async Task Streaming_ends_on_the_screen_the_whole_answer_rendered_at_once_gives()
    {
        using var sandbox = Colour(new Sandbox().WithKey());
        await using var pieces = await ReplayServer.StartAsync(Streams.Known(answer: Answer)); // 7 characters a delta
        await using var whole = await ReplayServer.StartAsync(Streams.Reply().Reasoning("Thinking.").Answer(Answer).ToResponse());

        string streamed = await TmuxTerminal.RunAsync(sandbox, LiveServer.Args(pieces, "--no-log", "Q"), width: 64, height: 30);
        string atOnce = await TmuxTerminal.RunAsync(sandbox, LiveServer.Args(whole, "--no-log", "Q"), width: 64, height: 30);

        Assert.Equal(AfterThinking(atOnce), AfterThinking(streamed));
    }

    [TerminalTheory]
    [InlineData("--raw")]
    [InlineData("--no-markdown")]
    [InlineData("config")]
    public async Task Raw_output_or_the_config_keeps_the_models_text_on_a_terminal(string how)
    {
        using var sandbox = Colour(new Sandbox().WithKey());
        if (how == "config") sandbox.WriteConfig("""{ "markdown": false }""");
        await using var server = await ReplayServer.StartAsync(Streams.Known(answer: "Some **bold** and `code`.\n\n- item"));

        string screen = await TmuxTerminal.RunAsync(sandbox, LiveServer.Args(server, how == "config" ? ["Q"] : [how, "Q"]));

        Assert.Contains("Some **bold** and `code`.", screen);
        Assert.Contains("- item", screen);
    }

    [Fact]
    public async Task A_redirected_stdout_gets_the_models_text_exactly()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Streams.Known(answer: Answer));

        var result = await sandbox.RunShellAsync("reason " + string.Join(' ', LiveServer.Args(server, "Q").Select(Sandbox.ShellQuote)) + " > answer.md");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Answer + "\n", sandbox.ReadFile("answer.md"));
    }

    private static Sandbox Colour(Sandbox sandbox)
    {
        sandbox.Environment["NO_COLOR"] = null;
        sandbox.Environment["TERM"] = "xterm-256color";
        return sandbox;
    }

    /// <summary>The screen from the line after "✓ Thought for N s" (whose duration differs from run to run).</summary>
    private static string AfterThinking(string screen)
    {
        var lines = screen.Split('\n').ToList();
        int thought = lines.FindIndex(l => l.Contains("Thought for", StringComparison.Ordinal));
        Assert.True(thought >= 0, screen);
        return string.Join('\n', lines.Skip(thought + 1)).Trim('\n');
    }
}
