using ReasonStream.Cli.Output;

namespace ReasonStream.Cli.Rendering;

/// <summary>
/// One output stream and what it can do: a terminal or not, colours or not, its size — measured again after the window is
/// resized (SIGWINCH), when the target knows how to measure it.
/// </summary>
internal sealed class ConsoleTarget(TextWriter writer, bool isTerminal, bool color, int width = 80, int height = 24, Func<(int Width, int Height)?>? measure = null)
{
    private (int Width, int Height) _size = (Math.Max(20, width), Math.Max(3, height));
    private int _measuredAt = TerminalWindow.Resizes;

    public TextWriter Writer { get; } = writer;

    /// <summary>True when a person is looking at it (not redirected to a file or pipe).</summary>
    public bool IsTerminal { get; } = isTerminal;

    /// <summary>True when escape codes (colour, cursor movement) may be written.</summary>
    public bool Color { get; } = color;

    public int Width => Size.Width;

    public int Height => Size.Height;

    private (int Width, int Height) Size
    {
        get
        {
            int resizes = TerminalWindow.Resizes;
            if (measure is not null && resizes != _measuredAt && measure() is { } measured)
            {
                _size = (Math.Max(20, measured.Width), Math.Max(3, measured.Height));
            }

            _measuredAt = resizes;
            return _size;
        }
    }

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
        (int width, int height) = Measure(redirected, environment, windowSize);
        return new ConsoleTarget(writer, !redirected, color, width, height, redirected ? null : windowSize);
    }

    /// <summary>The width of stdout as <see cref="StandardOutput"/> sees it, without opening it (for --help).</summary>
    public static int StandardOutputWidth() =>
        Measure(Console.IsOutputRedirected, Environment.GetEnvironmentVariable, () => TerminalWindow.Size(1)).Width;

    private static (int Width, int Height) Measure(bool redirected, Func<string, string?> environment, Func<(int Width, int Height)?> windowSize) =>
        redirected
            ? (80, 24)
            : windowSize() ?? (Positive(environment("COLUMNS")) ?? 80, Positive(environment("LINES")) ?? 24);

    private static ConsoleTarget Create(OutputChannel channel, bool redirected, bool noColor, int fileDescriptor) =>
        // Never Console.WindowWidth or the console's own streams: they initialise .NET's terminal handling, which writes escape codes.
        For(channel, redirected, noColor, Environment.GetEnvironmentVariable, () => TerminalWindow.Size(fileDescriptor));

    private static int? Positive(string? text) => int.TryParse(text, out int value) && value > 0 ? value : null;
}
