namespace ReasonStream;

/// <summary>
/// Notes when any bytes arrive — keep-alive comments included — so a timeout can say whether the
/// connection was still alive. Only data events reset the timeouts themselves (see <see cref="StreamWatchdog"/>).
/// </summary>
internal sealed class LivenessStream(Stream inner, StreamWatchdog watchdog) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // Most reads complete at once from the connection's buffer: no state machine for those.
        var reading = inner.ReadAsync(buffer, cancellationToken);
        if (!reading.IsCompletedSuccessfully) return Arrived(reading);
        int read = reading.Result;
        if (read > 0) watchdog.BytesArrived();
        return new ValueTask<int>(read);
    }

    private async ValueTask<int> Arrived(ValueTask<int> reading)
    {
        int read = await reading.ConfigureAwait(false);
        if (read > 0) watchdog.BytesArrived();
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(Span<byte> buffer)
    {
        int read = inner.Read(buffer);
        if (read > 0) watchdog.BytesArrived();
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

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
