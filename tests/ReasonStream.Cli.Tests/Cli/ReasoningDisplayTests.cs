using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary>
/// What becomes of the thinking: shown, hidden (--hide-reasoning) or, on a terminal, folded into one line once the answer
/// starts (--collapse-reasoning, or "reasoning": "collapse" in the config); never at the cost of the answer.
/// </summary>
public sealed class ReasoningDisplayTests
{
    [TerminalTheory]
    [InlineData("--collapse-reasoning")]
    [InlineData("config")]
    public async Task Collapsed_thinking_leaves_one_line_saying_how_long_how_much_and_where_to_read_it(string how)
    {
        using var sandbox = Colour(new Sandbox().WithKey());
        if (how == "config") sandbox.WriteConfig("""{ "reasoning": "collapse" }""");
        await using var server = await ReplayServer.StartAsync(Streams.Known(answer: "The answer is 391."));

        string screen = await TmuxTerminal.RunAsync(sandbox, LiveServer.Args(server, how == "config" ? ["Q"] : [how, "Q"]));

        Assert.DoesNotContain("Let me think", screen);
        string folded = Assert.Single(screen.Split('\n'), l => l.Contains("Thought for", StringComparison.Ordinal));
        Assert.Matches(@"^✓ Thought for \d+\.\d s · \d+ words · reason logs show 1$", folded);
        Assert.Contains("The answer is 391.", screen);
    }

    [TerminalFact]
    public async Task Hidden_thinking_is_never_drawn_but_the_answer_is()
    {
        using var sandbox = Colour(new Sandbox().WithKey());
        await using var server = await ReplayServer.StartAsync(Streams.Known(answer: "The answer is 391."));

        string screen = await TmuxTerminal.RunAsync(sandbox, LiveServer.Args(server, "--hide-reasoning", "Q"));

        Assert.DoesNotContain("Let me think", screen);
        Assert.Contains("The answer is 391.", screen);
    }

    [Fact]
    public async Task The_command_line_wins_over_the_configs_default()
    {
        using var sandbox = new Sandbox().WithKey();
        sandbox.WriteConfig("""{ "reasoning": "hide" }""");
        await using var server = await ReplayServer.StartAsync(Streams.Known(), Streams.Known());

        var hidden = await sandbox.RunAsync(LiveServer.Args(server, "Q"));
        var collapsed = await sandbox.RunAsync(LiveServer.Args(server, "--collapse-reasoning", "Q"));

        Assert.True(hidden.ExitCode == 0, hidden.ToString());
        Assert.DoesNotContain("Let me think", hidden.Stderr);
        // Without a terminal there is nothing to fold away later: the thinking is written out, as plain text.
        Assert.Contains(Streams.Reasoning, collapsed.Stderr);
        Assert.Equal(hidden.Stdout, collapsed.Stdout);
    }

    [Fact]
    public async Task The_demo_and_replay_follow_the_configs_default_too()
    {
        using var sandbox = new Sandbox();
        var shown = await sandbox.RunAsync("demo", "--fast");
        sandbox.WriteConfig("""{ "reasoning": "hide" }""");

        var hidden = await sandbox.RunAsync("demo", "--fast");

        Assert.True(hidden.ExitCode == 0, hidden.ToString());
        Assert.True(shown.Stderr.Length > hidden.Stderr.Length + 200, hidden.ToString());
        Assert.Equal(shown.Stdout, hidden.Stdout);
    }

    [Fact]
    public async Task A_config_reasoning_that_is_no_choice_names_the_choices()
    {
        using var sandbox = new Sandbox().WithKey();
        sandbox.WriteConfig("""{ "reasoning": "fold" }""");

        var result = await sandbox.RunAsync("demo", "--fast");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("\"show\", \"hide\" or \"collapse\"", result.Stderr);
    }

    private static Sandbox Colour(Sandbox sandbox)
    {
        sandbox.Environment["NO_COLOR"] = null;
        sandbox.Environment["TERM"] = "xterm-256color";
        return sandbox;
    }
}
