using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary>
/// With the reasoning hidden — `--hide-reasoning`, `"reasoning": "hide"`, or `/think off` in `reason chat` — nothing of it is
/// shown: not its text, not a "Thinking…" status, not a "✓ Thought for" line. The live status only says it is waiting.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HiddenReasoningTests
{
    private const string Prompt = "›"; // coloured: the "›" alone
    private const string HiddenNote = "the reasoning is hidden";

    [Fact]
    public async Task After_think_off_a_reply_shows_nothing_of_its_reasoning()
    {
        using var sandbox = Colour(new Sandbox().WithKey());
        await using var server = await ReplayServer.StartAsync(Reply("First answer."), Reply("Second answer."));

        var result = await sandbox.RunTypedAsync(["chat", .. LiveServer.Args(server)], async (_, output, keys) =>
        {
            await Turn(output, keys, "first", "First answer.");
            await keys.TypeAsync("/think off" + Keyboard.Enter);
            await output.WaitUntilAsync(o => o.StdoutText.Contains(HiddenNote, StringComparison.Ordinal));
            await Turn(output, keys, "second", "Second answer.");
            await keys.TypeAsync(Keyboard.CtrlD);
        });

        Assert.True(result.ExitCode == 0, result.ToString());
        string output = result.Stdout; // the terminal's one stream: stdout and stderr as drawn
        int hiddenAt = output.IndexOf(HiddenNote, StringComparison.Ordinal);
        Assert.Contains("Thought for", output[..hiddenAt], StringComparison.Ordinal); // shown before /think off
        string afterwards = output[hiddenAt..];
        Assert.Contains("Second answer.", afterwards, StringComparison.Ordinal);
        Assert.DoesNotContain("Thought for", afterwards, StringComparison.Ordinal);
        Assert.DoesNotContain("Thinking", afterwards, StringComparison.Ordinal);
        Assert.DoesNotContain("Weighing", afterwards, StringComparison.Ordinal);
    }

    [TerminalFact]
    public async Task Hide_reasoning_leaves_no_line_saying_how_long_it_thought()
    {
        using var sandbox = Colour(new Sandbox().WithKey());
        await using var server = await ReplayServer.StartAsync(Reply("The answer is 391."));

        string screen = await TmuxTerminal.RunAsync(sandbox, LiveServer.Args(server, "--hide-reasoning", "Q"));

        Assert.Equal("The answer is 391.", screen.Trim());
    }

    private static ReplayResponse Reply(string answer) =>
        new ScriptedReply(WireProtocol.ChatCompletions, "deepseek-flash")
            .Reasoning("Weighing ", "the question ", "with care.")
            .Answer(answer)
            .ToResponse();

    /// <summary>Waits for the prompt, sends <paramref name="prompt"/>, and waits for <paramref name="answer"/> and the prompt after it.</summary>
    private static async Task Turn(RunningOutput output, Keyboard keyboard, string prompt, string answer)
    {
        await output.WaitUntilAsync(o => o.StdoutText.Contains(Prompt, StringComparison.Ordinal));
        await keyboard.TypeAsync(prompt + Keyboard.Enter);
        await output.WaitUntilAsync(o =>
            o.StdoutText.Contains(answer, StringComparison.Ordinal) &&
            o.StdoutText.LastIndexOf(Prompt, StringComparison.Ordinal) > o.StdoutText.LastIndexOf(answer, StringComparison.Ordinal));
    }

    private static Sandbox Colour(Sandbox sandbox)
    {
        sandbox.Environment["NO_COLOR"] = null;
        sandbox.Environment["TERM"] = "xterm-256color";
        return sandbox;
    }
}
