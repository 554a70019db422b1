namespace ReasonStream;

/// <summary>
/// Fails a stream whose current line (an SSE field, or an event's data line) grows past the event size limit,
/// before the parser would buffer it whole. Per read it costs one vectorised search for a line break.
/// </summary>
internal sealed class EventSizeGuard(Stream inner, int maxEventSize) : Stream
{
    private long _lineLength;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // Most reads complete at once from the connection's buffer: no state machine for those.
        var reading = inner.ReadAsync(buffer, cancellationToken);
        if (!reading.IsCompletedSuccessfully) return Checked(reading, buffer);
        int read = reading.Result;
        Check(buffer.Span[..read]);
        return new ValueTask<int>(read);
    }

    private async ValueTask<int> Checked(ValueTask<int> reading, Memory<byte> buffer)
    {
        int read = await reading.ConfigureAwait(false);
        Check(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(Span<byte> buffer)
    {
        int read = inner.Read(buffer);
        Check(buffer[..read]);
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    private void Check(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return;
        if (bytes[^1] is (byte)'\n' or (byte)'\r')
        {
            // A read usually ends with an event: no search needed.
            _lineLength = 0;
            return;
        }

        int lastBreak = bytes.LastIndexOfAny((byte)'\n', (byte)'\r');
        _lineLength = lastBreak < 0 ? _lineLength + bytes.Length : bytes.Length - lastBreak - 1;
        if (_lineLength > maxEventSize) throw EventFraming.TooLarge(maxEventSize);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
