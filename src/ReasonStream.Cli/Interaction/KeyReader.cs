using System.Text;
using ReasonStream.Cli.Output;

namespace ReasonStream.Cli.Interaction;

/// <summary>
/// Turns the bytes of a terminal in raw mode into keys: UTF-8 text, control keys (Ctrl+A…), escape sequences (arrows,
/// Home/End, Delete, Ctrl/Alt+arrows, Alt+letters) and bracketed pastes (<c>ESC [200~ … ESC [201~</c>), which arrive as
/// one <see cref="KeyAction.Paste"/>. A lone ESC is told from the start of a sequence by waiting a moment for what follows.
/// Control characters never become text: a paste keeps its line breaks and tabs, and nothing else of them.
/// </summary>
internal sealed class KeyReader(Func<byte[], int, int> read, Func<int, bool> waitForInput)
{
    private const int EscapeWaitMs = 40;
    private readonly Decoder _utf8 = new UTF8Encoding(false).GetDecoder();
    private readonly Queue<char> _pending = new();
    private readonly byte[] _buffer = new byte[4096];
    private bool _ended;

    /// <summary>Keys from stdin (file descriptor 0).</summary>
    public static KeyReader Standard() => new((buffer, count) => NativeIo.ReadSome(0, buffer.AsSpan(0, count)), timeout => NativeIo.WaitReadable(0, timeout));

    /// <summary>The next key; <see cref="KeyAction.EndOfInput"/> when the terminal is gone.</summary>
    public Key Next()
    {
        while (true)
        {
            if (!TryChar(out char c, waitMs: -1)) return new Key(KeyAction.EndOfInput);
            switch (c)
            {
                case '\e':
                    return Escape();
                case '\r' or '\n':
                    return new Key(KeyAction.Submit);
                case '\x01':
                    return new Key(KeyAction.Home);
                case '\x02':
                    return new Key(KeyAction.Left);
                case '\x03':
                    return new Key(KeyAction.Interrupt);
                case '\x04':
                    return new Key(KeyAction.EndOfInput, "ctrl-d");
                case '\x05':
                    return new Key(KeyAction.End);
                case '\x06':
                    return new Key(KeyAction.Right);
                case '\x07':
                    return new Key(KeyAction.Cancel);
                case '\x08' or '\x7f':
                    return new Key(KeyAction.Backspace);
                case '\t':
                    return new Key(KeyAction.Insert, "    ");
                case '\x0b':
                    return new Key(KeyAction.DeleteToEnd);
                case '\x0c':
                    return new Key(KeyAction.ClearScreen);
                case '\x0e':
                    return new Key(KeyAction.Down);
                case '\x10':
                    return new Key(KeyAction.Up);
                case '\x12':
                    return new Key(KeyAction.Search);
                case '\x15':
                    return new Key(KeyAction.DeleteToStart);
                case '\x17':
                    return new Key(KeyAction.DeleteWordBefore);
                case '\x19':
                    return new Key(KeyAction.Yank);
                default:
                    if (char.IsControl(c)) continue; // any other control key is nothing to type
                    if (char.IsHighSurrogate(c) && TryChar(out char low, waitMs: EscapeWaitMs)) return new Key(KeyAction.Insert, new string([c, low]));
                    return new Key(KeyAction.Insert, c.ToString());
            }
        }
    }

    private Key Escape()
    {
        if (!TryChar(out char c, EscapeWaitMs)) return new Key(KeyAction.Cancel); // ESC alone
        switch (c)
        {
            case '[':
                return ControlSequence();
            case 'O':
                return TryChar(out char o, EscapeWaitMs) ? o switch
                {
                    'A' => new Key(KeyAction.Up),
                    'B' => new Key(KeyAction.Down),
                    'C' => new Key(KeyAction.Right),
                    'D' => new Key(KeyAction.Left),
                    'H' => new Key(KeyAction.Home),
                    'F' => new Key(KeyAction.End),
                    _ => new Key(KeyAction.Ignored),
                } : new Key(KeyAction.Ignored);
            case 'b' or 'B':
                return new Key(KeyAction.WordLeft);
            case 'f' or 'F':
                return new Key(KeyAction.WordRight);
            case 'd' or 'D':
                return new Key(KeyAction.DeleteWordAfter);
            case '\x7f' or '\x08':
                return new Key(KeyAction.DeleteWordBefore);
            case '\r' or '\n':
                return new Key(KeyAction.NewLine); // Alt+Enter: a line break in the prompt
            default:
                return new Key(KeyAction.Ignored);
        }
    }

    /// <summary>CSI: parameters, then a final byte (<c>ESC [ 1 ; 5 C</c>, <c>ESC [ 3 ~</c>, <c>ESC [ 200 ~</c>).</summary>
    private Key ControlSequence()
    {
        var parameters = new StringBuilder();
        char final;
        while (true)
        {
            if (!TryChar(out final, EscapeWaitMs)) return new Key(KeyAction.Ignored);
            if (final is >= '@' and <= '~') break;
            if (parameters.Length < 32) parameters.Append(final);
        }

        string p = parameters.ToString();
        bool control = p.EndsWith(";5", StringComparison.Ordinal) || p.EndsWith(";3", StringComparison.Ordinal); // Ctrl or Alt
        return (final, p) switch
        {
            ('A', _) => new Key(KeyAction.Up),
            ('B', _) => new Key(KeyAction.Down),
            ('C', _) => new Key(control ? KeyAction.WordRight : KeyAction.Right),
            ('D', _) => new Key(control ? KeyAction.WordLeft : KeyAction.Left),
            ('H', _) => new Key(KeyAction.Home),
            ('F', _) => new Key(KeyAction.End),
            ('~', "1" or "7") => new Key(KeyAction.Home),
            ('~', "4" or "8") => new Key(KeyAction.End),
            ('~', "3") => new Key(KeyAction.Delete),
            ('~', "200") => Paste(),
            _ => new Key(KeyAction.Ignored),
        };
    }

    /// <summary>Everything up to <c>ESC [ 201 ~</c>, as text: line breaks (CR, CRLF, LF) as "\n", tabs kept, other controls dropped.</summary>
    private Key Paste()
    {
        var text = new StringBuilder();
        const string End = "\e[201~";
        while (TryChar(out char c, waitMs: -1))
        {
            text.Append(c);
            if (text.Length >= End.Length && text.ToString(text.Length - End.Length, End.Length) == End)
            {
                text.Length -= End.Length;
                break;
            }
        }

        string pasted = text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var clean = new StringBuilder(pasted.Length);
        foreach (char c in pasted)
        {
            if (c is '\n' or '\t' || !char.IsControl(c)) clean.Append(c);
        }

        return new Key(KeyAction.Paste, clean.ToString());
    }

    /// <summary>The next character, waiting at most <paramref name="waitMs"/> for input (-1: as long as it takes).</summary>
    private bool TryChar(out char c, int waitMs)
    {
        while (_pending.Count == 0)
        {
            if (_ended) break;
            if (waitMs >= 0 && !waitForInput(waitMs))
            {
                c = '\0';
                return false;
            }

            int count = read(_buffer, _buffer.Length);
            if (count <= 0)
            {
                _ended = true;
                break;
            }

            char[] chars = new char[_utf8.GetCharCount(_buffer, 0, count)];
            _utf8.GetChars(_buffer, 0, count, chars, 0);
            foreach (char each in chars) _pending.Enqueue(each);
        }

        return _pending.TryDequeue(out c);
    }
}
