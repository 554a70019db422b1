using System.Net.Sockets;

namespace ReasonStream.Testing.Http;

/// <summary>
/// The bytes a connection has received and not parsed yet, read from its socket with at most one receive in flight.
/// A receive started to notice a disconnect while a response is written stays valid when that watch ends: the next
/// read takes its bytes, so nothing a client sends early (a pipelined request) is lost. Not thread-safe: one reader at a time.
/// </summary>
internal sealed class ConnectionInput(Socket socket, int capacity)
{
    private byte[] _buffer = new byte[Math.Min(4096, capacity)];
    private int _start;
    private int _end;
    private Task<int>? _receiving;

    /// <summary>The bytes received and not consumed yet.</summary>
    public ReadOnlySpan<byte> Buffered => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Whether <see cref="Buffered"/> holds as much as the buffer may: no receive can start until some is consumed.</summary>
    public bool IsFull => _end - _start >= capacity;

    /// <summary>Whether the client has ended its side of the connection (a receive returned 0 bytes).</summary>
    public bool EndOfStream { get; private set; }

    public void Consume(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _end - _start);
        _start += count;

        // Rewind only while no receive is writing past _end.
        if (_start == _end && _receiving is null) _start = _end = 0;
    }

    /// <summary>
    /// Receives more bytes, or takes those of a receive already in flight. Returns false when the client has ended its
    /// side. Cancelling stops the wait, not the receive: its bytes go to the next call.
    /// </summary>
    /// <exception cref="SocketException">The connection failed (for example, the client reset it).</exception>
    public async ValueTask<bool> ReceiveAsync(CancellationToken cancellationToken)
    {
        if (EndOfStream) return false;
        _receiving ??= StartReceive();
        int count = await _receiving.WaitAsync(cancellationToken).ConfigureAwait(false);
        _receiving = null;
        _end += count;
        EndOfStream = count == 0;
        return !EndOfStream;
    }

    /// <summary>Waits for a receive still in flight after the socket is closed, so its failure is observed.</summary>
    public async Task DrainAsync()
    {
        if (_receiving is not { } receiving) return;
        try
        {
            await receiving.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The socket is gone, as it should be.
        }
    }

    private Task<int> StartReceive()
    {
        if (IsFull) throw new InvalidOperationException("The connection's input buffer is full; consume before receiving.");
        if (_end == _buffer.Length) MakeRoom();
        return socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None).AsTask();
    }

    private void MakeRoom()
    {
        int buffered = _end - _start;
        if (_start > 0 && buffered <= _buffer.Length / 2)
        {
            _buffer.AsSpan(_start, buffered).CopyTo(_buffer);
        }
        else
        {
            var larger = new byte[(int)Math.Min((long)_buffer.Length * 2, capacity)];
            _buffer.AsSpan(_start, buffered).CopyTo(larger);
            _buffer = larger;
        }

        _start = 0;
        _end = buffered;
    }
}
