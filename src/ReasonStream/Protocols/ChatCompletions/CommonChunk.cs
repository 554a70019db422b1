using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace ReasonStream;

/// <summary>
/// The fast path of <see cref="ChatCompletionsReader"/>: one pass over the bytes of the chunk nearly every event is —
/// <c>{"id":…,"choices":[{"index":0,"delta":{"content":…,"reasoning_content":…},"finish_reason":…}],…}</c> — with no
/// tokenizer in between. It reads only what it can vouch for: strings, integers and literals where the reader would skip
/// them, at most one choice with index 0, one delta, text in the four fields the full reader takes it from. Anything
/// else — an escape outside the texts, a fraction, a nested object it does not know, a tool call, usage, an error, the
/// stream's first chunk with its id and model, bytes that are not valid JSON or UTF-8 — makes it answer false having
/// changed nothing, and the full reader reads the event instead, so every outcome, errors included, is the full reader's.
/// </summary>
internal struct CommonChunk
{
    // Where a string stops being plain: its end, an escape or a control character (as Utf8JsonReader looks for them).
    private static readonly SearchValues<byte> StringStop = SearchValues.Create(StringStops());

    /// <summary><c>delta.content</c>, if it was a string.</summary>
    public string? Content;

    /// <summary><c>delta.reasoning_content</c>, if it was a string.</summary>
    public string? ReasoningContent;

    /// <summary><c>delta.reasoning</c> or <c>delta.thinking</c>, if it was a string (the later one wins, as in the full reader).</summary>
    public string? Reasoning;

    /// <summary>The last non-empty <c>finish_reason</c>.</summary>
    public string? FinishReason;

    /// <summary>Reads <paramref name="data"/> if it has the common shape; otherwise false, and <paramref name="chunk"/> means nothing.</summary>
    /// <param name="data">One event's data (not empty, its leading white space already gone).</param>
    /// <param name="metadataSent">The stream's id and model were already read: from now on they are stepped over.</param>
    /// <param name="chunk">What the chunk carries.</param>
    public static bool TryRead(ReadOnlySpan<byte> data, bool metadataSent, out CommonChunk chunk)
    {
        chunk = default;
        int i = 0;
        if (!Next(data, ref i, out byte b) || b != '{') return false;
        i++;
        bool choices = false;
        while (true)
        {
            if (!Name(data, ref i, out var name)) return false;
            switch (name.Length)
            {
                case 7 when name.SequenceEqual("choices"u8):
                    if (choices || !Choices(data, ref i, ref chunk)) return false;
                    choices = true;
                    break;
                case 2 when name.SequenceEqual("id"u8):
                case 5 when name.SequenceEqual("model"u8):
                case 8 when name.SequenceEqual("provider"u8):
                    if (!metadataSent || !StepOver(data, ref i)) return false;
                    break;
                case 5 when name.SequenceEqual("error"u8):
                case 6 when name.SequenceEqual("x_groq"u8):
                    return false;
                default:
                    // usage: null is stepped over like any other value; usage as an object is not a primitive, so the full reader reads it.
                    if (!StepOver(data, ref i)) return false;
                    break;
            }

            if (!Next(data, ref i, out b)) return false;
            i++;
            if (b == '}') break;
            if (b != ',') return false;
        }

        // Nothing but white space may follow; a chunk without choices is left to the full reader (it may be another protocol).
        return choices && !Next(data, ref i, out _);
    }

    private static bool Choices(ReadOnlySpan<byte> data, ref int i, ref CommonChunk chunk)
    {
        if (!Next(data, ref i, out byte b) || b != '[') return false;
        i++;
        if (!Next(data, ref i, out b)) return false;
        if (b == ']')
        {
            i++;
            return true;
        }

        if (b != '{' || !Choice(data, ref i, ref chunk)) return false;
        if (!Next(data, ref i, out b) || b != ']') return false; // a second choice, or something else: the full reader decides
        i++;
        return true;
    }

    private static bool Choice(ReadOnlySpan<byte> data, ref int i, ref CommonChunk chunk)
    {
        i++; // '{'
        if (!Next(data, ref i, out byte b)) return false;
        if (b == '}')
        {
            i++;
            return true;
        }

        bool delta = false;
        while (true)
        {
            if (!Name(data, ref i, out var name)) return false;
            switch (name.Length)
            {
                case 5 when name.SequenceEqual("index"u8):
                    // Only index 0 is read here; any other value, or a 0 the full reader would not call an integer, goes to it.
                    if (!Next(data, ref i, out b) || b != '0') return false;
                    i++;
                    if (!Next(data, ref i, out b) || b is not ((byte)',' or (byte)'}')) return false;
                    break;
                case 5 when name.SequenceEqual("delta"u8):
                case 7 when name.SequenceEqual("message"u8):
                    if (!Next(data, ref i, out b)) return false;
                    if (b == '{')
                    {
                        if (delta || !Delta(data, ref i, ref chunk)) return false;
                        delta = true;
                    }
                    else if (!StepOver(data, ref i))
                    {
                        return false;
                    }

                    break;
                case 12 when name.SequenceEqual("finishReason"u8):
                case 13 when name.SequenceEqual("finish_reason"u8):
                    if (!Next(data, ref i, out b)) return false;
                    if (b == '"')
                    {
                        if (!Text(data, ref i, out string? reason, out int rawLength)) return false;
                        if (rawLength > 0) chunk.FinishReason = reason;
                    }
                    else if (!StepOver(data, ref i))
                    {
                        return false;
                    }

                    break;
                default:
                    if (!StepOver(data, ref i)) return false;
                    break;
            }

            if (!Next(data, ref i, out b)) return false;
            i++;
            if (b == '}') return true;
            if (b != ',') return false;
        }
    }

    private static bool Delta(ReadOnlySpan<byte> data, ref int i, ref CommonChunk chunk)
    {
        i++; // '{'
        if (!Next(data, ref i, out byte b)) return false;
        if (b == '}')
        {
            i++;
            return true;
        }

        while (true)
        {
            if (!Name(data, ref i, out var name)) return false;
            var slot = name.Length switch
            {
                7 when name.SequenceEqual("content"u8) => TextSlot.Content,
                17 when name.SequenceEqual("reasoning_content"u8) => TextSlot.ReasoningContent,
                9 when name.SequenceEqual("reasoning"u8) => TextSlot.Reasoning,
                8 when name.SequenceEqual("thinking"u8) => TextSlot.Reasoning,
                _ => TextSlot.None,
            };

            if (!Next(data, ref i, out b)) return false;
            if (b == '"' && slot != TextSlot.None)
            {
                if (!Text(data, ref i, out string? text, out _)) return false;
                if (slot == TextSlot.Content) chunk.Content = text;
                else if (slot == TextSlot.ReasoningContent) chunk.ReasoningContent = text;
                else chunk.Reasoning = text;
            }
            else if (!StepOver(data, ref i))
            {
                // Content parts, reasoning details, tool calls: containers are the full reader's.
                return false;
            }

            if (!Next(data, ref i, out b)) return false;
            i++;
            if (b == '}') return true;
            if (b != ',') return false;
        }
    }

    /// <summary>A property name without escapes or non-ASCII bytes, and its colon.</summary>
    private static bool Name(ReadOnlySpan<byte> data, ref int i, out ReadOnlySpan<byte> name)
    {
        name = default;
        if (!Next(data, ref i, out byte b) || b != '"') return false;
        int start = i + 1;
        int length = StringLength(data[start..], out bool ascii);
        if (length < 0 || !ascii || data[start + length] != '"') return false;
        name = data.Slice(start, length);
        i = start + length + 1;
        if (!Next(data, ref i, out b) || b != ':') return false;
        i++;
        return true;
    }

    /// <summary>
    /// Where the string that starts at <paramref name="text"/> stops being plain — its closing quote, an escape or a
    /// control character — or -1; and whether all before it is ASCII. Eight bytes at a time while they are ASCII (most
    /// names and values of a chunk are short, and a vectorised search costs more to start than they take to read).
    /// </summary>
    private static int StringLength(ReadOnlySpan<byte> text, out bool ascii)
    {
        ascii = true;
        ref byte first = ref MemoryMarshal.GetReference(text);
        int k = 0;
        for (; k <= text.Length - sizeof(ulong); k += sizeof(ulong))
        {
            ulong stops = Stops(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, k)));
            if (stops == 0) continue;
            int at = k + (BitOperations.TrailingZeroCount(stops) >> 3);
            return text[at] < 0x80 ? at : NonAsciiFrom(text, at, out ascii);
        }

        for (; k < text.Length; k++)
        {
            byte b = text[k];
            if (b is (byte)'"' or (byte)'\\' or < 0x20) return k;
            if (b >= 0x80) return NonAsciiFrom(text, k, out ascii);
        }

        return -1;
    }

    /// <summary>The rest of a string that holds multi-byte characters: a vectorised search for its end.</summary>
    private static int NonAsciiFrom(ReadOnlySpan<byte> text, int at, out bool ascii)
    {
        ascii = false;
        int rest = text[at..].IndexOfAny(StringStop);
        return rest < 0 ? -1 : at + rest;
    }

    /// <summary>
    /// The high bit of each byte of <paramref name="v"/> that is a quote, a backslash, a control character or not ASCII
    /// (bits above the lowest may be false alarms; the lowest is exact).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Stops(ulong v)
    {
        const ulong Ones = 0x0101010101010101, High = 0x8080808080808080;
        ulong quote = v ^ (Ones * '"');
        ulong escape = v ^ (Ones * '\\');
        return (((quote - Ones) & ~quote) | ((escape - Ones) & ~escape) | ((v - (Ones * 0x20)) & ~v) | v) & High;
    }

    /// <summary>
    /// A string whose value is wanted, the reader on its opening quote. Plain text is decoded here (after checking
    /// it is UTF-8); text with escapes is decoded by <see cref="Utf8JsonReader"/> itself, so escapes mean what they mean there.
    /// </summary>
    private static bool Text(ReadOnlySpan<byte> data, ref int i, out string? text, out int rawLength)
    {
        text = null;
        rawLength = 0;
        int start = i + 1;
        int length = StringLength(data[start..], out bool ascii);
        if (length < 0) return false;
        byte stop = data[start + length];
        if (stop == '"')
        {
            var bytes = data.Slice(start, length);
            if (!ascii && !Utf8.IsValid(bytes)) return false;
            text = bytes.IsEmpty ? "" : Encoding.UTF8.GetString(bytes);
            rawLength = length;
            i = start + length + 1;
            return true;
        }

        if (stop != '\\') return false;
        return Escaped(data, ref i, out text, out rawLength);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool Escaped(ReadOnlySpan<byte> data, ref int i, out string? text, out int rawLength)
    {
        text = null;
        rawLength = 0;
        int at = i + 1;
        while (true)
        {
            int next = data[at..].IndexOfAny((byte)'"', (byte)'\\');
            if (next < 0) return false;
            at += next;
            if (data[at] == '"') break;
            at += 2; // the backslash and the character it escapes; Utf8JsonReader checks the escape below
            if (at >= data.Length) return false;
        }

        try
        {
            var reader = new Utf8JsonReader(data[i..(at + 1)]);
            if (!reader.Read() || reader.TokenType != JsonTokenType.String) return false;
            rawLength = reader.ValueSpan.Length;
            text = reader.GetString();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false; // the full reader reports it
        }

        i = at + 1;
        return true;
    }

    /// <summary>Steps over a string without escapes, an integer, <c>true</c>, <c>false</c> or <c>null</c>; false for anything else.</summary>
    private static bool StepOver(ReadOnlySpan<byte> data, ref int i)
    {
        if (!Next(data, ref i, out byte b)) return false;
        switch (b)
        {
            case (byte)'"':
                int start = i + 1;
                int length = StringLength(data[start..], out bool ascii);
                if (length < 0 || data[start + length] != '"') return false;
                if (!ascii && !Utf8.IsValid(data.Slice(start, length))) return false;
                i = start + length + 1;
                return true;
            case (byte)'n':
                return Literal(data, ref i, "null"u8);
            case (byte)'t':
                return Literal(data, ref i, "true"u8);
            case (byte)'f':
                return Literal(data, ref i, "false"u8);
            default:
                return Integer(data, ref i);
        }
    }

    private static bool Literal(ReadOnlySpan<byte> data, ref int i, ReadOnlySpan<byte> literal)
    {
        if (!data[i..].StartsWith(literal)) return false;
        i += literal.Length;
        return true;
    }

    /// <summary><c>-?(0|[1-9][0-9]*)</c>, followed by a delimiter (checked by the caller); fractions and exponents go to the full reader.</summary>
    private static bool Integer(ReadOnlySpan<byte> data, ref int i)
    {
        int at = i;
        if (at < data.Length && data[at] == '-') at++;
        if (at >= data.Length || !char.IsAsciiDigit((char)data[at])) return false;
        if (data[at] == '0')
        {
            at++;
        }
        else
        {
            while (at < data.Length && char.IsAsciiDigit((char)data[at])) at++;
        }

        if (at < data.Length && data[at] is (byte)'.' or (byte)'e' or (byte)'E') return false;
        i = at;
        return true;
    }

    /// <summary>The next byte that is not JSON white space, without taking it; false at the end of the data.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Next(ReadOnlySpan<byte> data, ref int i, out byte b)
    {
        while ((uint)i < (uint)data.Length)
        {
            b = data[i];
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return true;
            i++;
        }

        b = 0;
        return false;
    }

    private enum TextSlot
    {
        None,
        Content,
        ReasoningContent,
        Reasoning,
    }

    private static byte[] StringStops()
    {
        var stops = new List<byte> { (byte)'"', (byte)'\\' };
        for (int c = 0; c < 0x20; c++) stops.Add((byte)c);
        return [.. stops];
    }
}
