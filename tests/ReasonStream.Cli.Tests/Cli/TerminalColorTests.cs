using ReasonStream.Cli.Tests.Support;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary>
/// Colour as a person at a terminal sees it: the program runs on a pseudo-terminal (util-linux `script`), so
/// the colour policy, <c>--no-color</c> and <c>NO_COLOR</c> are really exercised, not bypassed by redirection.
/// </summary>
public sealed class TerminalColorTests
{
    private const char Escape = '\u001b';

    public static TheoryData<string> CommandLines() =>
    [
        "--max-tokens abc hi",             // parse error
        "chat --max-tokens abc",           // parse error in a subcommand
        "hi",                              // no key: a CLI error reported by the command guard
        "demo --fast",                     // live rendering
        "replay /no/such/file.sse --fast", // usage error of a subcommand
        "providers",                       // a table
        "logs",                            // the empty log
        "logs show 999",                   // unknown id
        "config",
        "--help",                          // System.CommandLine's help
    ];

    [Theory]
    [InlineData("--max-tokens abc hi", "\u001b[1m\u001b[31merror:")]
    [InlineData("demo --fast", "\u001b[2m")]
    public async Task A_terminal_without_flags_gets_colour(string commandLine, string expected)
    {
        using var sandbox = new Sandbox();
        sandbox.Environment["NO_COLOR"] = null;

        var result = await sandbox.RunInTerminalAsync(commandLine.Split(' '));

        Assert.Contains(expected, result.Stdout);
        Assert.DoesNotContain("\u001b[?1h", result.Stdout); // colour, but not .NET's keypad mode
    }

    [Theory]
    [MemberData(nameof(CommandLines))]
    public async Task NO_COLOR_means_not_one_escape_byte_on_a_terminal(string commandLine)
    {
        using var sandbox = new Sandbox();
        sandbox.Environment["NO_COLOR"] = "1";

        var result = await sandbox.RunInTerminalAsync(commandLine.Split(' '));

        AssertPlain(result);
    }

    [Theory]
    [MemberData(nameof(CommandLines))]
    public async Task No_color_flag_means_not_one_escape_byte_on_a_terminal(string commandLine)
    {
        using var sandbox = new Sandbox();
        sandbox.Environment["NO_COLOR"] = null;
        string[] words = commandLine.Split(' ');
        string[] args = words[0] is "chat" or "demo" or "replay" or "providers" or "logs" or "config" or "--help"
            ? [.. words, "--no-color"]
            : ["--no-color", .. words];

        var result = await sandbox.RunInTerminalAsync(args);

        AssertPlain(result);
    }

    [Fact]
    public async Task The_width_comes_from_the_terminal_itself()
    {
        using var sandbox = new Sandbox();
        sandbox.Environment["NO_COLOR"] = null; // the colour table is drawn to the terminal's width

        // `stty` sets the pseudo-terminal's size; COLUMNS (100 in the harness) is only the fallback.
        var result = await sandbox.RunInTerminalAsync(["providers"], before: "stty cols 132 rows 50");

        Assert.DoesNotContain("\u001b[?1h", result.Stdout); // Spectre.Console must not reach for Console.WindowHeight
        string text = System.Text.RegularExpressions.Regex.Replace(result.Stdout, "\u001b\\[[0-9;?]*[A-Za-z]", "");
        int widest = text.Split('\n').Max(line => line.TrimEnd('\r').Length);
        Assert.True(widest == 132, $"widest line {widest}:\n{text}");
    }

    private static void AssertPlain(CliResult result)
    {
        Assert.True(result.Stdout.Trim().Length > 0, result.ToString());
        int at = result.Stdout.IndexOf(Escape, StringComparison.Ordinal);
        Assert.True(at < 0, $"ESC at {at}: {result.Stdout.Replace(Escape, '⎋')}");
    }
}
