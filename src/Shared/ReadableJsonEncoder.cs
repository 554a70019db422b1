using System.Text;
using System.Text.Encodings.Web;

namespace ReasonStream.Text;

/// <summary>
/// JSON as people read it: UTF-8 text stays text (<c>"é"</c>, <c>"🎉"</c>, <c>"+"</c>, <c>"&lt;"</c>), and only what JSON requires
/// is escaped, the short way (<c>\"</c>, <c>\\</c>, <c>\n</c>, <c>\t</c>), plus the invisible control characters (C0, DEL, C1) as
/// <c>\u00XX</c>. The runtime's default encoder escapes every non-ASCII character and <c>+ " ' &lt; &gt; &amp;</c> as <c>\uXXXX</c>,
/// which is safe to paste into HTML but unreadable in a terminal or a file. Shared source (linked into the CLI, for its
/// output and log, and into ReasonStream.Testing, whose scripted streams carry text raw as providers send it).
/// </summary>
internal sealed class ReadableJsonEncoder : JavaScriptEncoder
{
    public static ReadableJsonEncoder Instance { get; } = new();

    private ReadableJsonEncoder()
    {
    }

    public override int MaxOutputCharactersPerInputCharacter => 6; // \u00XX

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (int i = 0; i < textLength; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < textLength && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || WillEncode(c)) return i; // a lone surrogate is not text: the writer replaces it
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        // Allocation-free: a summary line of a huge answer may escape millions of characters.
        var output = new Span<char>(buffer, bufferLength);
        char shortForm = unicodeScalar switch
        {
            '"' => '"',
            '\\' => '\\',
            '\n' => 'n',
            '\r' => 'r',
            '\t' => 't',
            '\b' => 'b',
            '\f' => 'f',
            _ => '\0',
        };
        if (shortForm != '\0')
        {
            return Put(output, ['\\', shortForm], out numberOfCharactersWritten);
        }

        if (WillEncode(unicodeScalar))
        {
            const string Hex = "0123456789ABCDEF";
            return Put(output, ['\\', 'u', '0', '0', Hex[(unicodeScalar >> 4) & 0xF], Hex[unicodeScalar & 0xF]], out numberOfCharactersWritten);
        }

        return new Rune(unicodeScalar).TryEncodeToUtf16(output, out numberOfCharactersWritten);
    }

    private static bool Put(Span<char> output, ReadOnlySpan<char> escaped, out int written)
    {
        written = escaped.TryCopyTo(output) ? escaped.Length : 0;
        return written > 0;
    }

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar < 0x20 || unicodeScalar is '"' or '\\' || (unicodeScalar >= 0x7F && unicodeScalar <= 0x9F);
}
