using ReasonStream.Cli.Terminal;

namespace ReasonStream.Cli.Rendering;

/// <summary>The one-line status above the reasoning: "Waiting for model… 0.4 s", "Thinking… 3.1 s", "Thought for 12.4 s".</summary>
internal static class LiveHeader
{
    private static readonly string[] SpinnerFrames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

    public static string Waiting(string model, TimeSpan elapsed, bool color) =>
        Spinner(elapsed, color) + " " + Ansi.Style(color, Ansi.Dim, $"Waiting for {model}… {Durations.Seconds(elapsed)}");

    public static string Thinking(TimeSpan elapsed, bool color) =>
        Spinner(elapsed, color) + " " + Ansi.Style(color, Ansi.Dim, "Thinking… " + Durations.Seconds(elapsed));

    public static string Thought(TimeSpan duration, bool color) =>
        Ansi.Style(color, Ansi.Green, "✓") + " " + Ansi.Style(color, Ansi.Dim, "Thought for " + Durations.Seconds(duration));

    public static string Stopped(TimeSpan duration, bool color) =>
        Ansi.Style(color, Ansi.Yellow, "■") + " " + Ansi.Style(color, Ansi.Dim, "Thinking stopped after " + Durations.Seconds(duration));

    private static string Spinner(TimeSpan elapsed, bool color) =>
        Ansi.Style(color, Ansi.Cyan, SpinnerFrames[(int)(elapsed.TotalMilliseconds / 80) % SpinnerFrames.Length]);
}
