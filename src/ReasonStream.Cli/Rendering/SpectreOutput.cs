using Spectre.Console;
using ReasonStream.Cli.Terminal;

namespace ReasonStream.Cli.Rendering;

/// <summary>A Spectre.Console console over one of our targets, honouring its colour decision (tables, panels).</summary>
internal static class SpectreOutput
{
    public static IAnsiConsole For(ConsoleTarget target)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
        Out = new AnsiConsoleOutput(target.Writer),
        Ansi = target.Color ? AnsiSupport.Yes : AnsiSupport.No,
        ColorSystem = target.Color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
        });
        console.Profile.Width = target.Width;
        console.Profile.Height = target.Height; // else Spectre.Console asks Console.WindowHeight, which writes escape codes
        return console;
    }
}
