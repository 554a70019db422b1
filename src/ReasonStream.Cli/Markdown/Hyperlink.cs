namespace ReasonStream.Cli.Markdown;

/// <summary>
/// OSC 8 hyperlinks (<c>ESC ] 8 ; ; URL ESC \ text ESC ] 8 ; ; ESC \</c>): the link's text is clickable where the terminal
/// supports them. Only http, https and mailto targets are made clickable, and a target is cleaned of anything that could end
/// the sequence early, so a model cannot smuggle a command or a file link behind friendly text.
/// </summary>
internal static class Hyperlink
{
    public const string Close = "\e]8;;\e\\";

    public static string Open(string url) => "\e]8;;" + url + "\e\\";

    /// <summary>The target as it may appear in an OSC 8 sequence, or null when it is not one to make clickable.</summary>
    public static string? Clickable(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "mailto")) return null;
        string target = uri.AbsoluteUri;
        return target.Any(c => char.IsControl(c) || c == ' ') ? null : target;
    }

    /// <summary>
    /// Whether the terminal is known to draw OSC 8 links (the others would print nothing for them, but not all are safe to
    /// assume): iTerm2, WezTerm, kitty, foot, Ghostty, VS Code, Windows Terminal, Konsole, and VTE terminals (GNOME Terminal).
    /// <c>REASON_HYPERLINKS=1</c> or <c>=0</c> decides instead.
    /// </summary>
    public static bool Supported(Func<string, string?> environment)
    {
        if (environment("REASON_HYPERLINKS") is { Length: > 0 } forced) return forced is "1" or "true" or "yes";
        string? program = environment("TERM_PROGRAM");
        if (program is "iTerm.app" or "WezTerm" or "vscode" or "ghostty" or "Hyper" or "Tabby") return true;
        string? term = environment("TERM");
        if (term is "xterm-kitty" or "foot" or "foot-extra" or "xterm-ghostty" or "wezterm") return true;
        if (environment("WT_SESSION") is { Length: > 0 } || environment("KONSOLE_VERSION") is { Length: > 0 }) return true;
        return int.TryParse(environment("VTE_VERSION"), out int vte) && vte >= 5000;
    }
}
