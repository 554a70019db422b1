using System.Net.Sockets;
using System.Text;

namespace ReasonStream.Testing.Http;

/// <summary>
/// One accepted TCP connection: reads requests one after another (keep-alive, pipelined bytes kept), hands each to the
/// handler, and watches for the client leaving while a response is written, so a stalled or delayed response notices.
/// </summary>
internal sealed class HttpConnection(Socket socket, string id, Func<HttpExchange, Task> handler, TimeProvider time, CancellationToken stopping)
{
    private readonly ConnectionInput _input = new(socket, HttpLimits.MaxHeadBytes);
    private CancellationTokenSource? _clientGone;

    public string Id { get; } = id;

    /// <summary>Completes when the connection is closed and everything on it has finished. Never faults.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start(Action<HttpConnection> ended) => Completion = Task.Run(() => RunAsync(ended));

    /// <summary>Sends every byte, in one send call if the socket takes them. A failure means the client is gone.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        try
        {
            while (!bytes.IsEmpty)
            {
                int sent = await socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                bytes = bytes[sent..];
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            ClientLeft();
            throw;
        }
    }

    /// <summary>Closes at once with a reset (RST; linger 0): unsent bytes are dropped, the client's next read fails.</summary>
    public void Reset()
    {
        try
        {
            socket.LingerState = new LingerOption(enable: true, seconds: 0);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }

        socket.Dispose();
    }

    /// <summary>
    /// Closes in order (FIN after the bytes already sent). The shutdown comes first: disposing a socket with a receive
    /// pending would otherwise reset it.
    /// </summary>
    public void Close()
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Already closed or reset by the client.
        }

        socket.Dispose();
    }

    /// <summary>Shuts the sending side (FIN after the queued bytes), waits until <paramref name="until"/> fires, then closes.</summary>
    public async Task HalfCloseAndWaitAsync(CancellationToken until)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
            await Task.Delay(Timeout.InfiniteTimeSpan, until).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client has closed, the server is stopping, or the socket is already gone.
        }

        Close();
    }

    private async Task RunAsync(Action<HttpConnection> ended)
    {
        try
        {
            while (await ServeNextAsync().ConfigureAwait(false))
            {
                // One request after another on the same connection.
            }
        }
        catch (Exception)
        {
            // The client vanished mid-request, or the handler failed unexpectedly: nothing more can be said on this connection.
            Reset();
        }
        finally
        {
            socket.Dispose();
            await _input.DrainAsync().ConfigureAwait(false);
            ended(this);
        }
    }

    /// <summary>Reads and answers one request. True if the connection stays open for another.</summary>
    private async Task<bool> ServeNextAsync()
    {
        RequestHead? head;
        byte[] body;
        try
        {
            head = await RequestHeadParser.ReadAsync(_input, stopping).ConfigureAwait(false);
            if (head is null)
            {
                Close(); // the client closed an idle connection
                return false;
            }

            body = await RequestBodyReader.ReadAsync(_input, head, SendAsync, stopping).ConfigureAwait(false);
        }
        catch (BadRequestException bad)
        {
            await RefuseAsync(bad).ConfigureAwait(false);
            return false;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            Close();
            return false;
        }

        var exchange = await ExchangeAsync(head, body).ConfigureAwait(false);
        if (exchange.LeavesConnectionOpen && !stopping.IsCancellationRequested) return true;
        if (exchange.IsCompleted) await LingeringCloseAsync().ConfigureAwait(false);
        else if (!exchange.IsEnded) Reset();
        return false;
    }

    private async Task<HttpExchange> ExchangeAsync(RequestHead head, byte[] body)
    {
        using var clientGone = new CancellationTokenSource();
        using var watchEnded = new CancellationTokenSource();
        _clientGone = clientGone;
        var exchange = new HttpExchange(this, head, body, time, clientGone.Token);
        var watching = WatchForDisconnectAsync(clientGone, watchEnded.Token);
        try
        {
            await handler(exchange).ConfigureAwait(false);
        }
        finally
        {
            await watchEnded.CancelAsync().ConfigureAwait(false);
            await watching.ConfigureAwait(false);
            _clientGone = null;
        }

        return exchange;
    }

    /// <summary>
    /// While a response is written, keeps a receive pending: it returns 0 when the client closes and fails when it
    /// resets, which cancels the exchange's <see cref="HttpExchange.ClientGone"/>. Bytes that arrive (a pipelined
    /// request) are kept for the next request; when the buffer is full, watching stops.
    /// </summary>
    private async Task WatchForDisconnectAsync(CancellationTokenSource clientGone, CancellationToken watchEnded)
    {
        try
        {
            while (!_input.IsFull)
            {
                if (!await _input.ReceiveAsync(watchEnded).ConfigureAwait(false))
                {
                    await clientGone.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (watchEnded.IsCancellationRequested)
        {
            // The exchange is over; a receive still pending belongs to the next request.
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            await clientGone.CancelAsync().ConfigureAwait(false);
        }
    }

    private void ClientLeft()
    {
        try
        {
            _clientGone?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The exchange has ended.
        }
    }

    /// <summary>Answers a request that cannot be served with its status and a one-line reason, then closes.</summary>
    private async Task RefuseAsync(BadRequestException bad)
    {
        byte[] message = Encoding.UTF8.GetBytes(bad.Message + "\n");
        byte[] head = ResponseHead.Format(bad.StatusCode, [new("Content-Type", "text/plain; charset=utf-8")], ResponseFraming.ContentLength, message.Length, "close", time.GetUtcNow());
        try
        {
            await SendAsync((byte[])[.. head, .. message], stopping).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Reset();
            return;
        }

        await LingeringCloseAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Closes after a last response without the client losing it: the server's side is shut first, then what the client
    /// still sends (the rest of a refused body, a pipelined request) is read and dropped until it closes too, within bounds.
    /// Closing with unread bytes would reset the connection, and a reset can destroy the response before the client reads it.
    /// </summary>
    private async Task LingeringCloseAsync()
    {
        using var linger = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        linger.CancelAfter(HttpLimits.LingerTimeout);
        try
        {
            socket.Shutdown(SocketShutdown.Send);
            int dropped = 0;
            while (dropped < HttpLimits.MaxLingerBytes)
            {
                dropped += _input.Buffered.Length;
                _input.Consume(_input.Buffered.Length);
                if (!await _input.ReceiveAsync(linger.Token).ConfigureAwait(false)) break;
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client did not close in time, reset the connection, or the server is stopping: close anyway.
        }

        Close();
    }
}
