namespace ReasonStream.Cli.Terminal;

/// <summary>The few escape sequences the live renderer uses.</summary>
internal static class Ansi
{
    public const string Reset = "\e[0m";
    public const string Dim = "\e[2m";
    public const string NormalIntensity = "\e[22m";
    public const string Bold = "\e[1m";
    public const string Red = "\e[31m";
    public const string Yellow = "\e[33m";
    public const string Cyan = "\e[36m";
    public const string Green = "\e[32m";
    public const string DefaultColor = "\e[39m";
    public const string ClearToEndOfLine = "\e[K";
    public const string ClearLine = "\e[2K";
    public const string HideCursor = "\e[?25l";
    public const string ShowCursor = "\e[?25h";

    public static string Up(int rows) => rows > 0 ? $"\e[{rows}A" : "";

    public static string Down(int rows) => rows > 0 ? $"\e[{rows}B" : "";

    public static string Left(int cells) => cells > 0 ? $"\e[{cells}D" : "";

    public static string Column(int oneBasedColumn) => $"\e[{oneBasedColumn}G";

    /// <summary>Wraps text in a style when colour is on.</summary>
    public static string Style(bool color, string style, string text) => color ? style + text + Reset : text;
}
