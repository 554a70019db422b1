using ReasonStream.Testing;

namespace ReasonStream.Cli.Streaming;

/// <summary>
/// A read-only stream that copies every byte it reads to a recording and notes when each read arrived. The copy never
/// disturbs the read: a recording that cannot be written stops, and <paramref name="failed"/> is told why. Wherever the
/// API key appears in the bytes it is recorded as asterisks of the same length (offsets and timing stay true); to see a
/// key split across reads, the last <c>key length − 1</c> bytes wait for the next read before being recorded.
/// </summary>
internal sealed class TeeReadStream(Stream source, RecordSink copy, string? apiKey, Action<Exception> failed) : Stream
{
    private readonly StreamTimingRecorder _timing = new();
    private readonly byte[]? _key = string.IsNullOrEmpty(apiKey) || apiKey.Length < 4 ? null : System.Text.Encoding.UTF8.GetBytes(apiKey);
    private byte[] _held = [];
    private bool _recording = true;
    private bool _disposed;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read = source.Read(buffer);
        Keep(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read = await source.ReadAsync(buffer, cancellationToken);
        Keep(buffer.Span[..read]);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            source.Dispose();
            Record(() =>
            {
                copy.Write(_held);
                if (_timing.TotalBytes > 0) copy.Complete(_timing.ToTiming());
            });
            copy.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Keep(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) return;
        _timing.RecordRead(bytes.Length);
        if (!_recording) return;
        if (_key is null)
        {
            Record(bytes.ToArray());
            return;
        }

        byte[] pending = [.. _held, .. bytes];
        Mask(pending, _key);
        int release = Math.Max(0, pending.Length - (_key.Length - 1));
        _held = pending[release..];
        Record(pending[..release]);
    }

    private void Record(byte[] bytes) => Record(() => copy.Write(bytes));

    private void Record(Action write)
    {
        if (!_recording) return;
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            _recording = false;
            failed(e);
        }
    }

    private static void Mask(byte[] bytes, byte[] key)
    {
        for (int at = bytes.AsSpan().IndexOf(key); at >= 0; at = NextAfter(bytes, key, at)) bytes.AsSpan(at, key.Length).Fill((byte)'*');
    }

    private static int NextAfter(byte[] bytes, byte[] key, int at)
    {
        int start = at + key.Length;
        int next = bytes.AsSpan(start).IndexOf(key);
        return next < 0 ? -1 : start + next;
    }
}
