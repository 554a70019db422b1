using ReasonStream.Cli.Rendering;
using ReasonStream.Cli.Tests.Support;

namespace ReasonStream.Cli.Tests.Rendering;

/// <summary>
/// A status drawn at a width the window no longer has (the window shrank, and the program had not yet been told): a real
/// terminal (tmux) is given the very bytes <see cref="LiveStatus"/> writes at the old width, on a narrower screen, with the
/// text at the foot of the screen. The status must stay on one row, and the cursor must come back to the text's row.
/// </summary>
public sealed class LiveStatusStaleWidthTests
{
    [TerminalFact]
    public async Task A_status_drawn_at_the_old_width_after_the_window_shrank_stays_on_one_row_below_the_text()
    {
        var atOldWidth = new LiveStatus(new ConsoleTarget(TextWriter.Null, isTerminal: true, color: true, width: 80));
        var atNewWidth = new LiveStatus(new ConsoleTarget(TextWriter.Null, isTerminal: true, color: true, width: 50));
        string status = "⠹ Thinking… 1.2 s · " + string.Concat(Enumerable.Repeat("stale ", 12));
        string text = string.Concat(Enumerable.Range(1, 19).Select(i => $"line {i}\n"));

        // The text fills the 20-row screen to its last row: drawing the status scrolls, and a status that wrapped would
        // scroll once more, leaving the saved position on the status's second row and the text's row one above.
        string bytes = text + atOldWidth.Draw(status, clearRestOfRow: true) + "after the status\n" + atNewWidth.Draw("⠸ Thinking… 1.3 s", clearRestOfRow: true) + atNewWidth.Hide(clearRestOfRow: true);
        string file = Path.Combine(Path.GetTempPath(), "reason-stale-width-" + Guid.NewGuid().ToString("N") + ".bin");
        await File.WriteAllTextAsync(file, bytes);
        try
        {
            string screen = await TmuxTerminal.RunShellAsync("cat " + file, width: 50, height: 20);

            var lines = screen.Split('\n');
            Assert.Equal(["line 19", "after the status"], lines.SkipWhile(l => l != "line 19").ToArray());
            Assert.DoesNotContain("stale", screen);
            Assert.DoesNotContain("Thinking", screen);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
