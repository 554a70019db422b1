using ReasonStream.Cli.Rendering;
using ReasonStream.Cli.Terminal;

namespace ReasonStream.Cli.Tests.Rendering;

public sealed class WordWrapperTests
{
    [Theory]
    [InlineData(new[] { "one two three four" }, "one two\nthree four")]
    [InlineData(new[] { "one ", "two ", "three ", "four" }, "one two \nthree four")]
    [InlineData(new[] { "one", " two", " three", " four" }, "one two\nthree four")]
    [InlineData(new[] { "a\nb c d e f g h i j k" }, "a\nb c d e f\ng h i j k")]
    public void Breaks_lines_at_spaces_before_words_that_would_not_fit(string[] deltas, string expected)
    {
        var cursor = new CursorTracker(10);
        string shown = "";
        foreach (string delta in deltas)
        {
            string wrapped = WordWrapper.Wrap(delta, cursor, 10);
            cursor.Advance(wrapped);
            shown += wrapped;
        }

        Assert.Equal(expected, shown);
    }

    [Fact]
    public void A_word_split_across_deltas_moves_whole_to_the_next_row()
    {
        // "posit" + "ive" would overflow a 10-cell row mid-word: the printed "posit" is erased and reprinted below.
        var cursor = new CursorTracker(10);
        string shown = "";
        foreach (string delta in new[] { "no ", "posit", "ive", " one" })
        {
            string wrapped = WordWrapper.Wrap(delta, cursor, 10);
            cursor.Advance(wrapped);
            shown += wrapped;
        }

        Assert.Equal("no posit" + Ansi.Left(5) + Ansi.ClearToEndOfLine + "\nposit" + "ive" + "\none", shown);
        Assert.Equal((2, 3), (cursor.Row, cursor.Column));
    }

    [Fact]
    public void Without_cursor_movement_a_split_word_stays_where_it_is_and_no_escape_code_is_written()
    {
        var cursor = new CursorTracker(10);
        string shown = "";
        foreach (string delta in new[] { "no ", "posit", "ive", " one" })
        {
            string wrapped = WordWrapper.Wrap(delta, cursor, 10, canMoveCursor: false);
            cursor.Advance(wrapped);
            shown += wrapped;
        }

        Assert.Equal("no positive one", shown); // the terminal itself breaks "positive" at the edge
        Assert.DoesNotContain('\u001b', shown);
    }

    [Fact]
    public void A_word_longer_than_the_row_is_left_to_the_terminal()
    {
        var cursor = new CursorTracker(10);
        string wrapped = WordWrapper.Wrap("abcdefgh", cursor, 10);
        cursor.Advance(wrapped);
        Assert.Equal("ijklmn", WordWrapper.Wrap("ijklmn", cursor, 10));
    }

    [Fact]
    public void Counts_wide_characters_as_two_cells()
    {
        var cursor = new CursorTracker(10);
        cursor.Advance("日本語");
        Assert.Equal(6, cursor.Column);
        cursor.Advance("日本語");
        Assert.Equal((1, 2), (cursor.Row, cursor.Column)); // two fit on the first row (10 cells), the third wraps
    }
}
