using ReasonStream.Cli.Rendering;

namespace ReasonStream.Cli.Tests.Rendering;

/// <summary>What a target decides from redirection, --no-color, NO_COLOR, TERM and the terminal's size.</summary>
public sealed class ConsoleTargetTests
{
    private static readonly (int, int)? Window = (132, 50);

    [Fact]
    public void A_terminal_gets_colour_and_its_own_size()
    {
        var target = Target(redirected: false, noColor: false, []);

        Assert.True(target.IsTerminal);
        Assert.True(target.Color);
        Assert.Equal(132, target.Width);
        Assert.Equal(50, target.Height);
    }

    [Fact]
    public void A_redirected_stream_gets_no_colour_and_a_fixed_size()
    {
        var target = Target(redirected: true, noColor: false, new() { ["COLUMNS"] = "200" });

        Assert.False(target.IsTerminal);
        Assert.False(target.Color);
        Assert.Equal(80, target.Width);
    }

    [Fact]
    public void No_color_flag_turns_colour_off_on_a_terminal()
    {
        var target = Target(redirected: false, noColor: true, []);

        Assert.True(target.IsTerminal);
        Assert.False(target.Color);
    }

    [Theory]
    [InlineData("NO_COLOR", "1", false)]
    [InlineData("NO_COLOR", "0", false)] // any non-empty value
    [InlineData("NO_COLOR", "", true)]
    [InlineData("TERM", "dumb", false)]
    [InlineData("TERM", "xterm-256color", true)]
    public void The_environment_has_its_say_on_colour(string name, string value, bool color)
    {
        var environment = new Dictionary<string, string> { [name] = value };

        Assert.Equal(color, ColorPolicy.Allowed(n => environment.GetValueOrDefault(n)));
        Assert.Equal(color, Target(redirected: false, noColor: false, environment).Color);
    }

    [Theory]
    [InlineData("100", "30", 100, 30)]
    [InlineData(null, null, 80, 24)]
    [InlineData("wide", "-4", 80, 24)]
    public void Without_a_window_size_COLUMNS_and_LINES_are_the_fallback(string? columns, string? lines, int width, int height)
    {
        var environment = new Dictionary<string, string>();
        if (columns is not null) environment["COLUMNS"] = columns;
        if (lines is not null) environment["LINES"] = lines;

        var target = ConsoleTarget.For(new StringWriter(), redirected: false, noColor: false, n => environment.GetValueOrDefault(n), () => null);

        Assert.Equal(width, target.Width);
        Assert.Equal(height, target.Height);
    }

    [Fact]
    public void A_file_has_no_window_size()
    {
        string path = Path.GetTempFileName();
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
            Assert.Null(TerminalWindow.Size((int)file.DangerousGetHandle()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static ConsoleTarget Target(bool redirected, bool noColor, Dictionary<string, string> environment) =>
        ConsoleTarget.For(new StringWriter(), redirected, noColor, n => environment.GetValueOrDefault(n), () => Window);
}
