using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary>`reason logs` and `reason logs show` on a terminal: model and user text cannot steer the terminal.</summary>
public sealed class LogsTerminalTests
{
    private const string Hostile = "\u001b[2J\u001b[31mRED\u001b]0;PWNED\u0007";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Logged_text_is_shown_without_its_control_characters(bool color)
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(
            Streams.Known(reasoning: "think " + Hostile, answer: "answer " + Hostile));
        var ask = await sandbox.RunAsync(LiveServer.Args(server, "-s", "sys " + Hostile, "prompt " + Hostile));
        Assert.True(ask.ExitCode == 0, ask.ToString());
        if (color) sandbox.Environment["NO_COLOR"] = null;

        var show = await sandbox.RunInTerminalAsync("logs", "show", "1");
        var list = await sandbox.RunInTerminalAsync("logs");

        foreach (var result in new[] { show, list })
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.DoesNotContain("\u001b[2J", result.Stdout);
            Assert.DoesNotContain("\u001b]0;", result.Stdout);
            Assert.DoesNotContain('\u0007', result.Stdout);
            Assert.DoesNotContain("\u001b[31m", result.Stdout);
            if (!color) Assert.DoesNotContain('\u001b', result.Stdout);
        }

        Assert.True(show.Stdout.Contains("answer [2J[31mRED]0;PWNED", StringComparison.Ordinal), show.Stdout.Replace("\u001b", "ESC", StringComparison.Ordinal));
        Assert.Contains("think [2J[31mRED]0;PWNED", show.Stdout);
        Assert.Contains("prompt [2J[31mRED]0;PWNED", show.Stdout);
        Assert.Contains("sys [2J[31mRED]0;PWNED", show.Stdout);
        Assert.Contains("[2J", list.Stdout); // shown, as harmless text (a colour table may wrap the cell)
    }

    [Fact]
    public async Task Logs_show_into_a_file_keeps_the_exact_text()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Streams.Known(answer: "answer " + Hostile));
        await sandbox.RunAsync(LiveServer.Args(server, "Q"));

        var show = await sandbox.RunAsync("logs", "show", "1");

        Assert.Contains("answer " + Hostile, show.Stdout);
    }

    [TerminalFact]
    public async Task Logs_show_renders_the_answer_as_markdown_on_a_terminal_and_raw_keeps_it()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Streams.Known(answer: "Some **bold** words.\n\n- an item"));
        await sandbox.RunAsync(LiveServer.Args(server, "Q"));
        sandbox.Environment["NO_COLOR"] = null;
        sandbox.Environment["TERM"] = "xterm-256color";

        string rendered = await TmuxTerminal.RunAsync(sandbox, ["logs", "show", "1"]);
        string raw = await TmuxTerminal.RunAsync(sandbox, ["logs", "show", "1", "--raw"]);

        Assert.True(rendered.Contains("Some bold words.", StringComparison.Ordinal), rendered);
        Assert.Contains("• an item", rendered);
        Assert.Contains("Some **bold** words.", raw);
        Assert.Contains("- an item", raw);
    }
}
