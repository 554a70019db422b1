using ReasonStream.Cli.Output;

namespace ReasonStream.Cli.Rendering;

/// <summary>One output stream and what it can do: a terminal or not, colours or not, its size.</summary>
internal sealed class ConsoleTarget(TextWriter writer, bool isTerminal, bool color, int width = 80, int height = 24)
{
    public TextWriter Writer { get; } = writer;

    /// <summary>True when a person is looking at it (not redirected to a file or pipe).</summary>
    public bool IsTerminal { get; } = isTerminal;

    /// <summary>True when escape codes (colour, cursor movement) may be written.</summary>
    public bool Color { get; } = color;

    public int Width { get; } = Math.Max(20, width);

    public int Height { get; } = Math.Max(3, height);

    public static ConsoleTarget StandardOutput(bool noColor) =>
        Create(StandardOutputs.Out, Console.IsOutputRedirected, noColor, fileDescriptor: 1);

    public static ConsoleTarget StandardError(bool noColor) =>
        Create(StandardOutputs.Error, Console.IsErrorRedirected, noColor, fileDescriptor: 2);

    /// <summary>
    /// The decision, from what is known about the stream: colour only on a terminal without <c>--no-color</c>
    /// and with the environment's consent; the size from the terminal itself, else <c>COLUMNS</c>/<c>LINES</c>, else 80×24.
    /// </summary>
    internal static ConsoleTarget For(TextWriter writer, bool redirected, bool noColor, Func<string, string?> environment, Func<(int Width, int Height)?> windowSize)
    {
        bool color = !redirected && !noColor && ColorPolicy.Allowed(environment);
        (int width, int height) = Size(redirected, environment, windowSize);
        return new ConsoleTarget(writer, !redirected, color, width, height);
    }

    /// <summary>The width of stdout as <see cref="StandardOutput"/> sees it, without opening it (for --help).</summary>
    public static int StandardOutputWidth() =>
        Size(Console.IsOutputRedirected, Environment.GetEnvironmentVariable, () => TerminalWindow.Size(1)).Width;

    private static (int Width, int Height) Size(bool redirected, Func<string, string?> environment, Func<(int Width, int Height)?> windowSize) =>
        redirected
            ? (80, 24)
            : windowSize() ?? (Positive(environment("COLUMNS")) ?? 80, Positive(environment("LINES")) ?? 24);

    private static ConsoleTarget Create(OutputChannel channel, bool redirected, bool noColor, int fileDescriptor) =>
        // Never Console.WindowWidth or the console's own streams: they initialise .NET's terminal handling, which writes escape codes.
        For(channel, redirected, noColor, Environment.GetEnvironmentVariable, () => TerminalWindow.Size(fileDescriptor));

    private static int? Positive(string? text) => int.TryParse(text, out int value) && value > 0 ? value : null;
}
