using ReasonStream.Cli.Terminal;

namespace ReasonStream.Cli.Tests.Rendering;

/// <summary>The cursor tracker skips escape sequences the way TerminalText measures them: one home for their shapes.</summary>
public sealed class CursorTrackerEscapeTests
{
    [Theory]
    [InlineData("\e[1;2mab\e[0m", 2)]                              // SGR
    [InlineData("\e[2~ab", 2)]                                     // CSI ending in '~', not a letter
    [InlineData("\e]8;;https://example.com/a\e\\link\e]8;;\e\\", 4)] // OSC 8 link ended by ESC \
    [InlineData("\e]0;title\aab", 2)]                              // OSC ended by BEL
    [InlineData("日本\e[0m", 4)]
    public void Escape_sequences_occupy_no_cells(string text, int column)
    {
        var cursor = new CursorTracker(80);
        cursor.Advance(text);
        Assert.Equal((0, column), (cursor.Row, cursor.Column));
        Assert.Equal(column, TerminalText.Cells(text));
    }
}
