using ReasonStream.Cli.Markdown;
using ReasonStream.Cli.Terminal;

namespace ReasonStream.Cli.Rendering;

/// <summary>
/// A one-line status ("⠹ Thinking… 3.1 s") kept on the row just below the text, wherever the text has got to: it is drawn,
/// redrawn and taken away relative to the cursor (index, save, restore — <c>ESC D</c>, <c>ESC 7</c>, <c>ESC 8</c>, <c>ESC M</c>),
/// never at a remembered row. So however tall the text grows, the status stays at its foot and is never left behind in the
/// scrollback, and after a resize (which may reflow the rows above) it is still found: it is always the last thing on screen,
/// and it is cleared to the end of the screen. It never wraps (it is cut to the width, measured again after a resize).
/// </summary>
internal sealed class LiveStatus(ConsoleTarget target)
{
    private const string Index = "\eD";
    private const string ReverseIndex = "\eM";
    private const string Save = "\e7";
    private const string Restore = "\e8";
    private const string ClearToEndOfScreen = "\e[J";

    /// <summary>True while the status is on screen.</summary>
    public bool Shown { get; private set; }

    /// <summary>Escape sequences that draw <paramref name="status"/> below the cursor and bring the cursor back.</summary>
    public string Draw(string status)
    {
        Shown = true;
        return Below(Fit(status));
    }

    /// <summary>Escape sequences that take the status away (nothing when it is not shown).</summary>
    public string Hide()
    {
        if (!Shown) return "";
        Shown = false;
        return Below("");
    }

    /// <summary>
    /// Clears from the row below the cursor to the end of the screen, writes <paramref name="line"/> there and brings the cursor
    /// back. The position is saved after the move down: when the cursor is on the last row, Index scrolls and the saved
    /// position is the new last row, so Restore and Reverse Index land on the text's row either way — also after a resize
    /// that cut off the status's row or reflowed the rows above. The clearing never starts at the top-left corner (which
    /// some terminals, tmux among them, take as "clear the screen" and copy into the scrollback first).
    /// </summary>
    private static string Below(string line) => Index + Save + "\r" + ClearToEndOfScreen + line + Restore + ReverseIndex;

    /// <summary>
    /// The status cut to one row short of the width (a full row would leave the cursor waiting to wrap), measured as every
    /// other line is (<see cref="TerminalText"/>); a cut status ends in "…" and closes its styles.
    /// </summary>
    private string Fit(string status)
    {
        int width = target.Width - 1;
        if (TerminalText.Cells(status) <= width) return status;
        string kept = TerminalText.Cut(status, width - 1);
        // A link cut open would run on past the status: it is closed too.
        string closeLink = kept.Contains("\e]8;", StringComparison.Ordinal) ? Hyperlink.Close : "";
        return kept + "…" + Ansi.Reset + closeLink;
    }
}
