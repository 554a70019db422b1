using ReasonStream.Cli.Errors;

namespace ReasonStream.Cli.Rendering;

/// <summary>Errors, warnings and notes for people, on stderr: one line each, with an optional hint.</summary>
internal sealed class MessagePrinter(ConsoleTarget stderr)
{
    public void Error(ErrorReport report)
    {
        Line(Ansi.Style(stderr.Color, Ansi.Bold + Ansi.Red, "error:") + " " + report.Message);
        if (report.Hint is not null) Hint(report.Hint);
    }

    public void Warning(string message, string? hint = null)
    {
        Line(Ansi.Style(stderr.Color, Ansi.Bold + Ansi.Yellow, "warning:") + " " + message);
        if (hint is not null) Hint(hint);
    }

    public void Note(string message) => Line(Ansi.Style(stderr.Color, Ansi.Dim, message));

    public void Hint(string hint) => Line(Ansi.Style(stderr.Color, Ansi.Dim, "hint: " + hint));

    private void Line(string text)
    {
        stderr.Writer.Write(text);
        stderr.Writer.Write('\n');
        stderr.Writer.Flush();
    }
}
