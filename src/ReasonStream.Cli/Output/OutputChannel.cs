using System.Text;

namespace ReasonStream.Cli.Output;

/// <summary>
/// stdout or stderr as a <see cref="TextWriter"/>: text is encoded to UTF-8 and collected until <see cref="Flush"/>, so the
/// pieces of one update leave in one write(2), and nothing is ever held back past a flush. Writing to one channel first
/// flushes what its sibling holds (<see cref="OutputOrder"/>), so `reason q > f 2>&amp;1` keeps the order of the text.
/// A failed output never throws: the first failure is kept (<see cref="Failure"/>) and later text is dropped.
/// </summary>
internal sealed class OutputChannel : TextWriter
{
    private const int FlushThreshold = 64 * 1024;
    private const int EncodeSlice = 16 * 1024;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly OutputSink _sink;
    private readonly OutputOrder _order;
    private readonly Encoder _encoder = Utf8.GetEncoder();
    private byte[] _buffer = new byte[8 * 1024];
    private int _length;

    public OutputChannel(string name, OutputSink sink, OutputOrder order, OutputFailure? failedFromStart = null)
    {
        Name = name;
        _sink = sink;
        _order = order;
        Failure = failedFromStart;
        CoreNewLine = ['\n'];
    }

    /// <summary>"stdout" or "stderr", for messages.</summary>
    public string Name { get; }

    /// <summary>Why this output stopped taking text, or null while it works.</summary>
    public OutputFailure? Failure { get; private set; }

    /// <summary>True once text was meant for this output and did not reach it (so a closed stream that nobody wrote to loses nothing).</summary>
    public bool LostText { get; private set; }

    public override Encoding Encoding => Utf8;

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(char[]? buffer) => Write(buffer.AsSpan());

    public override void Write(ReadOnlySpan<char> chars)
    {
        lock (_order.Gate)
        {
            _order.Switch(this);
            while (!chars.IsEmpty)
            {
                var slice = chars[..Math.Min(chars.Length, EncodeSlice)];
                Reserve(Utf8.GetMaxByteCount(slice.Length));
                _length += _encoder.GetBytes(slice, _buffer.AsSpan(_length), flush: false);
                chars = chars[slice.Length..];
                if (_length >= FlushThreshold) FlushLocked();
            }
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_order.Gate)
        {
            Write(value);
            Write('\n');
        }
    }

    /// <summary>Bytes as they are (a recording sent to this stream), in order with the text around them.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        lock (_order.Gate)
        {
            _order.Switch(this);
            if (_length + bytes.Length > FlushThreshold) FlushLocked();
            if (bytes.Length >= FlushThreshold)
            {
                Send(bytes);
                return;
            }

            Reserve(bytes.Length);
            bytes.CopyTo(_buffer.AsSpan(_length));
            _length += bytes.Length;
        }
    }

    public override void Flush()
    {
        lock (_order.Gate) FlushLocked();
    }

    /// <summary>Sends what is held; the caller holds <see cref="OutputOrder.Gate"/>.</summary>
    internal void FlushLocked()
    {
        if (_length == 0) return;
        Send(_buffer.AsSpan(0, _length));
        _length = 0;
        if (_buffer.Length > 4 * FlushThreshold) _buffer = new byte[8 * 1024]; // give back what one huge write needed
    }

    protected override void Dispose(bool disposing)
    {
        // The process's standard streams outlive every user of this writer: disposing only sends what is held.
        if (disposing) Flush();
        base.Dispose(disposing);
    }

    private void Send(ReadOnlySpan<byte> bytes)
    {
        if (Failure is null) Failure = _sink.Write(bytes);
        if (Failure is not null) LostText = true;
    }

    private void Reserve(int more)
    {
        if (_length + more <= _buffer.Length) return;
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
    }
}
