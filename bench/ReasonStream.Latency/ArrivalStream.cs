using System.Diagnostics;
using System.Net.Sockets;

namespace ReasonStream.Latency;

/// <summary>
/// The client connection's socket stream, noting when each delta's bytes come out of the socket: every read is stamped
/// the moment it returns, and the markers it completes get that time in <see cref="Current"/>'s
/// <see cref="RunTimes.Arrived"/>. Every in-process consumer reads through it, so what it adds, it adds to all of them.
/// </summary>
internal sealed class ArrivalStream(NetworkStream inner) : Stream
{
    private readonly MarkerScanner _scanner = new();

    /// <summary>The run being measured (one at a time).</summary>
    public static RunTimes? Current { get; set; }

    /// <summary>A handler with the library's own settings (<c>ReasoningClient.CreateDefaultHandler</c>) that reads through an <see cref="ArrivalStream"/>.</summary>
    public static HttpClient CreateClient()
    {
        var handler = (SocketsHttpHandler)ReasoningClient.CreateDefaultHandler(new ReasoningClientOptions());
        handler.ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
                return new ArrivalStream(new NetworkStream(socket, ownsSocket: true));
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Stamp(buffer.Span[..n]);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        Stamp(buffer[..n]);
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    private void Stamp(ReadOnlySpan<byte> bytes)
    {
        long now = Stopwatch.GetTimestamp();
        if (Current is { } run && !bytes.IsEmpty) _scanner.Scan(bytes, run.Arrived, now, run.ArrivedOn);
    }
}
