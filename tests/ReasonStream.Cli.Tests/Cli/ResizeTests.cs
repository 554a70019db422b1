using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary>
/// The window resized mid-stream (SIGWINCH, from a real terminal): the width is measured again, and the live status line
/// never leaves a stale copy in the scrollback — even when the reasoning is taller than the screen.
/// </summary>
public sealed class ResizeTests
{
    private static readonly string[] Steps = [.. Enumerable.Range(1, 60).Select(i => $"Step {i}: the reasoning goes on, one line after another.\n")];
    private const string Answer = "The answer, once the window is narrower, is wrapped to the new width: every word of this sentence stays on a row of fifty columns or fewer.";

    [TerminalFact]
    public async Task Reasoning_taller_than_the_screen_resized_mid_thought_leaves_no_stale_status_line()
    {
        using var sandbox = Colour(new Sandbox().WithKey());
        var gate = new ReplayGate();
        await using var server = await ReplayServer.StartAsync(HeldAfterReasoning(Streams.Reply().Reasoning(Steps).Answer(Answer), 40, gate));
        using var terminal = await TmuxTerminal.StartAsync(sandbox, Args(server, "Q"), width: 80, height: 20);

        await terminal.WaitForScreenAsync(s => s.Contains("Step 40:", StringComparison.Ordinal) && s.Contains("Thinking…", StringComparison.Ordinal));
        string before = await terminal.ScreenAsync();
        await terminal.ResizeAsync(50, 16);
        gate.Release();
        await terminal.WaitForExitAsync();
        string screen = await terminal.ScreenAsync();

        var lines = screen.Split('\n');
        Assert.False(lines.Any(l => l.Contains("Thinking…", StringComparison.Ordinal) || l.Contains("Waiting for", StringComparison.Ordinal)), before + "\n-----\n" + screen);
        Assert.Single(lines, l => l.Contains("Thought for", StringComparison.Ordinal));
        Assert.Contains("Step 1:", screen);
        Assert.Contains("Step 60:", screen);
        Assert.True(screen.Contains("The answer, once the window", StringComparison.Ordinal), screen);
    }

    [TerminalFact]
    public async Task After_a_resize_the_status_line_and_the_answer_fit_the_new_width()
    {
        using var sandbox = Colour(new Sandbox().WithKey());
        var gate = new ReplayGate();
        await using var server = await ReplayServer.StartAsync(HeldAfterReasoning(Streams.Reply().Reasoning(Steps[..10]).Answer(Answer), 10, gate));
        using var terminal = await TmuxTerminal.StartAsync(sandbox,
Args(server, "--collapse-reasoning", "Q"), width: 80, height: 20);

        // Collapsed, the status line carries the thinking's last words cut to the row: it is wider than 50 columns until the
        // program has measured the window again, which is what the test waits for before the answer comes. tmux reflows the
        // old status into two rows, the first exactly 50 wide (and it may push the cursor's row into the scrollback, leaving
        // the cursor on that first half); a status the program drew is cut one cell short of the width, so only a status
        // under 50 cells is a redraw at the new width.
        await terminal.WaitForScreenAsync(s => StatusLine(s) is { Length: > 50 });
        await terminal.ResizeAsync(50, 20);
        await terminal.WaitForScreenAsync(s => StatusLine(s) is { Length: < 50 and > 0 });
        gate.Release();
        await terminal.WaitForExitAsync();
        string screen = await terminal.ScreenAsync();

        // Nothing of the old status is left: not on the row the "Thought for" line took, not below it.
        string thought = Assert.Single(screen.Split('\n'), l => l.Contains("Thought for", StringComparison.Ordinal));
        Assert.True(thought.StartsWith("✓ Thought for ", StringComparison.Ordinal) && thought.EndsWith(" words", StringComparison.Ordinal), screen);
        Assert.DoesNotContain("Thinking…", screen);
        Assert.DoesNotContain("reasoning goes on", screen);
        var answer = screen.Split('\n').SkipWhile(l => !l.Contains("Thought for", StringComparison.Ordinal)).Skip(1).Where(l => l.Length > 0).ToList();
        Assert.True(answer.Count >= 3, screen);
        Assert.All(answer, l => Assert.True(l.Length <= 50, $"'{l}' is wider than the window\n{screen}"));
        Assert.Contains("every word of this", screen);
    }

    [TerminalTheory]
    [InlineData(80, 50)]
    [InlineData(50, 90)]
    [InlineData(90, 60)]
    [InlineData(60, 100)]
    [InlineData(41, 37)]
    public async Task No_character_of_the_reasoning_is_lost_when_the_window_is_resized_mid_paragraph(int before, int after)
    {
        const string Paragraph = "The actual proof, by Andrew Wiles in 1994 (with Richard Taylor closing a gap), goes through elliptic curves. " +
            "Frey's idea: a solution would give a curve that is too strange to be modular. Ribet proved that such a curve cannot be modular. " +
            "Wiles proved that semistable elliptic curves are all modular. Together: no such curve, so no solution at all.";
        var words = Paragraph.Split(' ');
        var pieces = words.Select((w, i) => i == 0 ? w : " " + w).ToList();
        using var sandbox = Colour(new Sandbox().WithKey());
        var gate = new ReplayGate();
        await using var server = await ReplayServer.StartAsync(HeldAfterReasoning(Streams.Reply().Reasoning([.. pieces]).Answer("Done."), 20, gate));
        using var terminal = await TmuxTerminal.StartAsync(sandbox, Args(server, "Q"), width: before, height: 20);

        await terminal.WaitForScreenAsync(s => s.Contains(words[19], StringComparison.Ordinal) && s.Contains("Thinking…", StringComparison.Ordinal));
        await terminal.ResizeAsync(after, 20);
        // The status line's timer is redrawn (reading the new width) before the rest of the text comes: the text must still
        // be wrapped for the new width (it was folded at the old one, and the character at the edge lost).
        string status = StatusLine(await terminal.WaitForScreenAsync(s => StatusLine(s) is not null))!;
        await terminal.WaitForScreenAsync(s => StatusLine(s) is { } now && now != status);
        gate.Release();
        await terminal.WaitForExitAsync();
        string screen = await terminal.ScreenAsync();

        static string Letters(string text) => new([.. text.Where(c => !char.IsWhiteSpace(c))]);
        Assert.True(Letters(screen).Contains(Letters(Paragraph), StringComparison.Ordinal), screen);
    }

    private static string[] Args(ReplayServer server, params string[] more) => LiveServer.Args(server, ["--no-log", .. more]);

    /// <summary>The reply held after its opening chunk and its first <paramref name="pieces"/> reasoning pieces, until the gate opens.</summary>
    private static ReplayResponse HeldAfterReasoning(ScriptedReply reply, int pieces, ReplayGate gate) =>
        reply.ToResponse().HeldAfterEvents(1 + pieces, gate);

    private static string? StatusLine(string screen) =>
        screen.Split('\n').Select(l => l.TrimEnd()).LastOrDefault(l => l.Contains("Thinking…", StringComparison.Ordinal));

    private static Sandbox Colour(Sandbox sandbox)
    {
        sandbox.Environment["NO_COLOR"] = null;
        sandbox.Environment["TERM"] = "xterm-256color";
        return sandbox;
    }
}
