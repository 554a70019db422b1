using System.Text;

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
        Create(Console.OpenStandardOutput(), Console.IsOutputRedirected, noColor);

    public static ConsoleTarget StandardError(bool noColor) =>
        Create(Console.OpenStandardError(), Console.IsErrorRedirected, noColor);

    private static ConsoleTarget Create(Stream stream, bool redirected, bool noColor)
    {
        var writer = new StreamWriter(stream, new UTF8Encoding(false), 4096, leaveOpen: true) { AutoFlush = false };
        bool color = !redirected && !noColor && ColorPolicy.Allowed();
        (int width, int height) = redirected ? (80, 24) : TerminalSize();
        return new ConsoleTarget(writer, !redirected, color, width, height);
    }

    private static (int Width, int Height) TerminalSize()
    {
        try
        {
            int width = Console.WindowWidth;
            int height = Console.WindowHeight;
            if (width > 0 && height > 0) return (width, height);
        }
        catch (IOException)
        {
        }
        catch (PlatformNotSupportedException)
        {
        }

        int columns = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out int c) && c > 0 ? c : 80;
        int lines = int.TryParse(Environment.GetEnvironmentVariable("LINES"), out int l) && l > 0 ? l : 24;
        return (columns, lines);
    }
}
