using System.Text;

namespace ReasonStream.Cli.Rendering;

/// <summary>
/// Makes model text safe for a terminal: control characters (an escape sequence in a model's output could
/// move the cursor or retitle the window) are dropped, except newline and tab.
/// </summary>
internal static class TextSanitizer
{
    public static string ForTerminal(string text)
    {
        if (!NeedsCleaning(text)) return text;
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c is '\n' or '\t' || !char.IsControl(c)) builder.Append(c);
        }

        return builder.ToString();
    }

    private static bool NeedsCleaning(string text)
    {
        foreach (char c in text)
        {
            if (c is not ('\n' or '\t') && char.IsControl(c)) return true;
        }

        return false;
    }
}
