namespace ReasonStream.Latency;

/// <summary>
/// Finds the <c>~SEQ~</c> markers in bytes or text that arrive in pieces: a marker split across two pieces is still
/// found, at the piece that completes it. One scanner per stream.
/// </summary>
internal sealed class MarkerScanner
{
    private bool _inside;
    private int _value;
    private int _digits;

    /// <summary>Stamps <paramref name="timestamp"/> into <paramref name="times"/> (and the current thread into <paramref name="threads"/>) for every marker completed in <paramref name="bytes"/> (first stamp wins).</summary>
    public void Scan(ReadOnlySpan<byte> bytes, long[] times, long timestamp, int[]? threads = null)
    {
        int i = 0;
        while (i < bytes.Length)
        {
            if (!_inside)
            {
                int tilde = bytes[i..].IndexOf((byte)'~');
                if (tilde < 0) return;
                i += tilde + 1;
                Open();
                continue;
            }

            Step(bytes[i++], times, timestamp, threads);
        }
    }

    /// <inheritdoc cref="Scan(ReadOnlySpan{byte}, long[], long, int[])"/>
    public void Scan(ReadOnlySpan<char> text, long[] times, long timestamp, int[]? threads = null)
    {
        int i = 0;
        while (i < text.Length)
        {
            if (!_inside)
            {
                int tilde = text[i..].IndexOf('~');
                if (tilde < 0) return;
                i += tilde + 1;
                Open();
                continue;
            }

            Step(text[i++], times, timestamp, threads);
        }
    }

    private void Open()
    {
        _inside = true;
        _value = 0;
        _digits = 0;
    }

    private void Step(int c, long[] times, long timestamp, int[]? threads)
    {
        if (c is >= '0' and <= '9' && _digits < 9)
        {
            _value = (_value * 10) + (c - '0');
            _digits++;
        }
        else if (c == '~' && _digits > 0)
        {
            _inside = false;
            if (_value < times.Length && times[_value] < 0)
            {
                times[_value] = timestamp;
                if (threads is not null) threads[_value] = Environment.CurrentManagedThreadId;
            }
        }
        else
        {
            // Not a marker after all; a '~' may open the next one.
            _inside = c == '~';
            _value = 0;
            _digits = 0;
        }
    }
}
