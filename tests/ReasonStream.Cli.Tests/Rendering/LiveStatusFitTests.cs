using ReasonStream.Cli.Rendering;
using ReasonStream.Cli.Terminal;

namespace ReasonStream.Cli.Tests.Rendering;

/// <summary>
/// The live status line is cut to one cell short of the width, measured as every other line is: whole graphemes (an emoji,
/// a CJK character, a joined emoji sequence), escape sequences of any kind taking no cells, and the cut marked with "…".
/// </summary>
public sealed class LiveStatusFitTests
{
    private const int Width = 20; // the narrowest a target is; the status gets 19 cells

    [Theory]
    [InlineData("\e[2mThinking 🎉🎉🎉🎉🎉🎉\e[0m", "\e[2mThinking 🎉🎉🎉🎉…\e[0m")]           // an emoji is never cut in half
    [InlineData("a思考思考思考思考思考", "a思考思考思考思考…\e[0m")]                                 // wide characters take two cells
    [InlineData("Coding 👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻", "Coding 👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻…\e[0m")] // a joined emoji is one grapheme of two cells
    [InlineData("\e]0;a title\aThinking about it all", "\e]0;a title\aThinking about it …\e[0m")] // an OSC ended by BEL takes no cells
    [InlineData("\e[200~Thinking about it all", "\e[200~Thinking about it …\e[0m")] // a CSI ending in ~ too
    public void A_long_status_is_cut_to_whole_graphemes_one_cell_short_of_the_width(string status, string expected)
    {
        string fitted = Fitted(status);

        Assert.Equal(Visible(expected), Visible(fitted));
        Assert.True(TerminalText.Cells(fitted) <= Width - 1, $"{TerminalText.Cells(fitted)} cells");
    }

    [Fact]
    public void A_link_in_the_status_takes_no_cells_and_is_closed_when_cut()
    {
        string status = "\e]8;;https://example.com/x\e\\a link text that is long\e]8;;\e\\";

        string fitted = Fitted(status);

        Assert.Equal(Visible("\e]8;;https://example.com/x\e\\a link text that i…\e[0m\e]8;;\e\\"), Visible(fitted));
        Assert.Equal(Width - 1, TerminalText.Cells(fitted));
    }

    [Fact]
    public void A_status_that_fits_exactly_is_left_whole()
    {
        string status = "\e[2m思考 🎉 " + new string('x', 11) + "\e[0m"; // 4 + 1 + 2 + 1 + 11 cells: 19

        Assert.Equal(Width - 1, TerminalText.Cells(status));
        Assert.Equal(status, Fitted(status));
    }

    /// <summary>The line the status draws (between its clearing and the cursor's return).</summary>
    private static string Fitted(string status)
    {
        var live = new LiveStatus(new ConsoleTarget(new StringWriter(), isTerminal: true, color: true, Width, 24));
        string drawn = live.Draw(status, clearRestOfRow: true);
        const string before = "\e[K\eD\e7\r\e[J\e[?7l", after = "\e[?7h\e8\eM";
        Assert.StartsWith(before, drawn, StringComparison.Ordinal);
        Assert.EndsWith(after, drawn, StringComparison.Ordinal);
        return drawn[before.Length..^after.Length];
    }

    private static string Visible(string text) => text.Replace("\e", "⎋", StringComparison.Ordinal).Replace("\a", "␇", StringComparison.Ordinal);
}
