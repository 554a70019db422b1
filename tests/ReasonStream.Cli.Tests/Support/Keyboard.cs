namespace ReasonStream.Cli.Tests.Support;

/// <summary>Types into a pseudo-terminal: the bytes a terminal sends for keys.</summary>
public sealed class Keyboard(StreamWriter terminal)
{
    public const string Enter = "\r";
    public const string Up = "\u001b[A";
    public const string Down = "\u001b[B";
    public const string Left = "\u001b[D";
    public const string Right = "\u001b[C";
    public const string CtrlA = "\u0001";
    public const string CtrlC = "\u0003";
    public const string CtrlD = "\u0004";
    public const string CtrlE = "\u0005";
    public const string CtrlK = "\u000b";
    public const string CtrlR = "\u0012";
    public const string CtrlU = "\u0015";
    public const string CtrlW = "\u0017";
    public const string AltB = "\u001bb";
    public const string AltEnter = "\u001b\r";

    public static string Paste(string text) => "\u001b[200~" + text + "\u001b[201~";

    public async Task TypeAsync(string keys)
    {
        await terminal.WriteAsync(keys);
        await terminal.FlushAsync();
    }
}
