using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Terminal;

namespace ReasonStream.Cli.Rendering;

/// <summary>
/// Errors, warnings and notes for people, on stderr: one line each, with an optional hint. Every message passes the
/// terminal sanitiser here, whatever it quotes (a server's error text, a tool call's name, a model id): none of it can
/// move the cursor, retitle the window, set the clipboard or link text.
/// </summary>
internal sealed class MessagePrinter(ConsoleTarget stderr)
{
    public void Error(ErrorReport report)
    {
        Line(Ansi.Style(stderr.Color, Ansi.Bold + Ansi.Red, "error:") + " " + Clean(report.Message));
        if (report.Hint is not null) Hint(report.Hint);
    }

    public void Warning(string message, string? hint = null)
    {
        Line(Ansi.Style(stderr.Color, Ansi.Bold + Ansi.Yellow, "warning:") + " " + Clean(message));
        if (hint is not null) Hint(hint);
    }

    public void Note(string message) => Line(Ansi.Style(stderr.Color, Ansi.Dim, Clean(message)));

    public void Hint(string hint) => Line(Ansi.Style(stderr.Color, Ansi.Dim, "hint: " + Clean(hint)));

    /// <summary>One line, no control characters: a message never breaks the line it stands on, nor drives the terminal.</summary>
    private static string Clean(string text) => TextSanitizer.OneLine(text);

    private void Line(string text)
    {
        stderr.Writer.Write(text);
        stderr.Writer.Write('\n');
        stderr.Writer.Flush();
    }
}
