using System.Text;

namespace ReasonStream.Cli.Rendering;

/// <summary>
/// The one sanitiser for text a terminal receives that the CLI did not write itself — model output, and everything a server
/// controls (error messages, tool-call names and arguments, ids, model names, log views). Control characters are dropped:
/// C0 (ESC starts every escape sequence: OSC 0 retitles the window, OSC 8 links text, OSC 52 sets the clipboard, CSI 2J
/// clears the screen; BEL ends an OSC; CR overwrites a line), DEL, and C1 (U+0080–U+009F, among them the one-character CSI
/// and OSC). What remains of a sequence ("]0;title") is shown as harmless text.
/// </summary>
internal static class TextSanitizer
{
    /// <summary>For flowing text: keeps newlines and tabs.</summary>
    public static string ForTerminal(string text) => Clean(text, keepLines: true);

    /// <summary>For a one-line message: line breaks become spaces (runs folded), everything else as <see cref="ForTerminal"/>.</summary>
    public static string OneLine(string text) => Clean(text, keepLines: false);

    private static string Clean(string text, bool keepLines)
    {
        if (!NeedsCleaning(text, keepLines)) return text;
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c is '\n' or '\r' or '\u2028' or '\u2029' && !keepLines)
            {
                if (builder.Length > 0 && builder[^1] != ' ') builder.Append(' ');
            }
            else if (c is '\n' or '\t' || !IsControl(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsCleaning(string text, bool keepLines)
    {
        foreach (char c in text)
        {
            if (c == '\t' || (c == '\n' && keepLines)) continue;
            if (IsControl(c) || c is '\n' or '\u2028' or '\u2029') return true;
        }

        return false;
    }

    private static bool IsControl(char c) => char.IsControl(c);
}
