using ReasonStream.Cli.Tests.Support;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary>
/// Colour as a person at a terminal sees it: the program runs on a pseudo-terminal (util-linux `script`), so
/// the colour policy, <c>--no-color</c> and <c>NO_COLOR</c> are really exercised, not bypassed by redirection.
/// </summary>
public sealed class TerminalColorTests
{
    [Theory]
    [InlineData("--max-tokens abc hi", "\u001b[1m\u001b[31merror:")]
    [InlineData("demo --fast", "\u001b[2m")]
    public async Task A_terminal_without_flags_gets_colour(string commandLine, string expected)
    {
        using var sandbox = new Sandbox();
        sandbox.Environment["NO_COLOR"] = null;

        var result = await sandbox.RunInTerminalAsync(commandLine.Split(' '));

        Assert.Contains(expected, result.Stdout);
    }
}
