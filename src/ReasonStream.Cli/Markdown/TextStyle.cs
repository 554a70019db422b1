using System.Text;

namespace ReasonStream.Cli.Markdown;

/// <summary>How a run of text looks: SGR attributes, a foreground colour, and a link target (drawn as an OSC 8 hyperlink).</summary>
internal readonly record struct TextStyle(
    bool Bold = false,
    bool Italic = false,
    bool Underline = false,
    bool Strike = false,
    bool Dim = false,
    int Color = 0,
    string? Link = null)
{
    public const int Red = 31;
    public const int Green = 32;
    public const int Yellow = 33;
    public const int Blue = 34;
    public const int Magenta = 35;
    public const int Cyan = 36;
    public const int Gray = 90;

    public static TextStyle Plain => default;

    public bool IsPlain => this == Plain;

    /// <summary>The SGR sequence that turns this style on (after a reset); empty for plain text.</summary>
    public string Sgr()
    {
        if (!Bold && !Italic && !Underline && !Strike && !Dim && Color == 0) return "";
        var codes = new StringBuilder("\e[");
        void Add(int code)
        {
            if (codes.Length > 2) codes.Append(';');
            codes.Append(code);
        }

        if (Bold) Add(1);
        if (Dim) Add(2);
        if (Italic) Add(3);
        if (Underline) Add(4);
        if (Strike) Add(9);
        if (Color != 0) Add(Color);
        return codes.Append('m').ToString();
    }
}
