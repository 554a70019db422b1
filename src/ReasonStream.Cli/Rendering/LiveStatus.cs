using ReasonStream.Cli.Markdown;
using ReasonStream.Cli.Terminal;

namespace ReasonStream.Cli.Rendering;

/// <summary>
/// A one-line status ("⠹ Thinking… 3.1 s") kept on the row just below the text, wherever the text has got to: it is drawn,
/// redrawn and taken away relative to the cursor (index, save, restore — <c>ESC D</c>, <c>ESC 7</c>, <c>ESC 8</c>, <c>ESC M</c>),
/// never at a remembered row. So however tall the text grows, the status stays at its foot and is never left behind in the
/// scrollback. A resize cannot leave a stale copy either: every draw clears the rest of the cursor's row as well as every row
/// below it (a narrowing terminal that reflows a long status into two rows may push the cursor's row into the scrollback
/// and put the cursor on the status's first half — tmux does), and the status is written with auto-wrap off, so one drawn
/// at the old width after the window shrank stays on one row.
/// </summary>
internal sealed class LiveStatus(ConsoleTarget target)
{
    private const string Index = "\eD";
    private const string ReverseIndex = "\eM";
    private const string Save = "\e7";
    private const string Restore = "\e8";
    private const string ClearToEndOfScreen = "\e[J";
    private const string AutoWrapOff = "\e[?7l";
    private const string AutoWrapOn = "\e[?7h";

    /// <summary>True while the status is on screen.</summary>
    public bool Shown { get; private set; }

    /// <summary>
    /// Escape sequences that draw <paramref name="status"/> below the cursor and bring the cursor back; with
    /// <paramref name="clearRestOfRow"/>, the cursor's row is cleared from the cursor on too (never when the cursor waits
    /// to wrap at the row's edge: it stands on the row's last character then, and would erase it).
    /// </summary>
    public string Draw(string status, bool clearRestOfRow)
    {
        Shown = true;
        return Below(Fit(status), clearRestOfRow);
    }

    /// <summary>Escape sequences that take the status away (nothing when it is not shown); <paramref name="clearRestOfRow"/> as for <see cref="Draw"/>.</summary>
    public string Hide(bool clearRestOfRow)
    {
        if (!Shown) return "";
        Shown = false;
        return Below("", clearRestOfRow);
    }

    /// <summary>
    /// Clears the cursor's row to its end (when asked) and everything below it, writes <paramref name="line"/> on the row below and brings
    /// the cursor back. Right of the cursor there is never text of ours (text is written from there on), only, after a resize
    /// that reflowed the status and moved the cursor onto it, a stale part of the status. The position is saved after the
    /// move down: when the cursor is on the last row, Index scrolls and the saved position is the new last row, so Restore and
    /// Reverse Index land on the text's row either way. The line is written with auto-wrap off: drawn at a width the window no
    /// longer has, it is cut by the terminal at the edge instead of wrapping onto a second row (which at the foot of the
    /// screen would scroll the text's row away from the saved position). The clearing below never starts at the top-left
    /// corner (which some terminals, tmux among them, take as "clear the screen" and copy into the scrollback first).
    /// </summary>
    private static string Below(string line, bool clearRestOfRow) =>
        (clearRestOfRow ? Ansi.ClearToEndOfLine : "") + Index + Save + "\r" + ClearToEndOfScreen + (line.Length > 0 ? AutoWrapOff + line + AutoWrapOn : "") + Restore + ReverseIndex;

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
