using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ReasonStream.Testing.Http;

/// <summary>
/// A small HTTP/1.1 server on <c>127.0.0.1</c> and an OS-assigned port, on sockets alone: one task per connection, the
/// handler called for each request. It needs no ASP.NET Core, so a program that embeds it (the <c>reason</c> CLI's demo
/// and replay) needs only the .NET runtime, and stays small when compiled ahead of time.
/// </summary>
internal sealed class LoopbackHttpServer
{
    private readonly Socket _listener;
    private readonly Func<HttpExchange, Task> _handler;
    private readonly TimeProvider _time;
    private readonly CancellationToken _stopping;
    private readonly ConcurrentDictionary<HttpConnection, byte> _connections = new();
    private Task _accepting = Task.CompletedTask;
    private long _connectionCount;

    private LoopbackHttpServer(Socket listener, Func<HttpExchange, Task> handler, TimeProvider time, CancellationToken stopping)
    {
        _listener = listener;
        _handler = handler;
        _time = time;
        _stopping = stopping;
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    public int Port { get; }

    /// <summary>Binds, listens and starts accepting; the server runs until <paramref name="stopping"/> fires and <see cref="StopAsync"/> is called.</summary>
    /// <param name="handler">Answers each request; it must handle its own failures.</param>
    /// <param name="time">The clock for the <c>Date</c> header.</param>
    /// <param name="stopping">Fires when the server stops: idle connections close, exchanges in progress see it.</param>
    public static LoopbackHttpServer Start(Func<HttpExchange, Task> handler, TimeProvider time, CancellationToken stopping)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        var server = new LoopbackHttpServer(listener, handler, time, stopping);
        server._accepting = Task.Run(server.AcceptAsync, CancellationToken.None);
        return server;
    }

    /// <summary>
    /// Stops accepting and waits for every connection to finish (they see the stopping token); those still running
    /// after <paramref name="guard"/> are reset.
    /// </summary>
    public async Task StopAsync(TimeSpan guard)
    {
        _listener.Dispose();
        await _accepting.ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_connections.Keys.Select(connection => connection.Completion)).WaitAsync(guard).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            foreach (var connection in _connections.Keys) connection.Reset();
        }
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stopping).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException || _stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // a connection that failed while being accepted; keep listening
            }

            try
            {
                // Every write is one send that leaves at once: the pieces of a split body reach the client as separate reads.
                socket.NoDelay = true;
            }
            catch (SocketException)
            {
                socket.Dispose(); // the client reset the connection before it was set up
                continue;
            }

            string id = Interlocked.Increment(ref _connectionCount).ToString(CultureInfo.InvariantCulture);
            var connection = new HttpConnection(socket, id, _handler, _time, _stopping);
            _connections.TryAdd(connection, 0);
            connection.Start(ended => _connections.TryRemove(ended, out _));
        }
    }
}
