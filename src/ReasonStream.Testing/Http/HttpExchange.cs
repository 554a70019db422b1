using System.Globalization;
using System.Text;

namespace ReasonStream.Testing.Http;

/// <summary>
/// One request and the response to it, as a handler sees them: the request read whole, and a response written piece
/// by piece, each piece one send on the socket (one chunk when chunked), or ended on purpose without its clean end.
/// </summary>
internal sealed class HttpExchange
{
    private static readonly byte[] LastChunk = "0\r\n\r\n"u8.ToArray();

    private readonly HttpConnection _connection;
    private readonly TimeProvider _time;
    private ResponseFraming _framing;
    private long _contentLength;
    private long _written;
    private State _state;

    internal HttpExchange(HttpConnection connection, RequestHead request, byte[] body, TimeProvider time, CancellationToken clientGone)
    {
        _connection = connection;
        _time = time;
        Request = request;
        Body = body;
        ClientGone = clientGone;
    }

    private enum State
    {
        NotStarted,
        Started,
        Completed,
        Ended,
    }

    public RequestHead Request { get; }

    public byte[] Body { get; }

    /// <summary>The server's id of the connection; equal ids mean a reused connection.</summary>
    public string ConnectionId => _connection.Id;

    /// <summary>Cancelled when the client closes or resets the connection, or a send to it fails.</summary>
    public CancellationToken ClientGone { get; }

    /// <summary>Whether the response was written to its clean end.</summary>
    internal bool IsCompleted => _state == State.Completed;

    /// <summary>Whether the connection was closed, reset or half-closed on purpose: nothing more may be sent on it.</summary>
    internal bool IsEnded => _state == State.Ended;

    /// <summary>Whether the connection may serve another request: the response completed and both sides keep it alive.</summary>
    internal bool LeavesConnectionOpen => IsCompleted && KeepAlive;

    private bool KeepAlive { get; set; }

    /// <summary>Sends the status line and headers, in one send of their own.</summary>
    /// <param name="statusCode">The status.</param>
    /// <param name="headers">Header fields, in order (a <c>Connection: close</c> among them is honoured).</param>
    /// <param name="contentLength">Send this <c>Content-Length</c>; otherwise the body is chunked (close-delimited for HTTP/1.0).</param>
    /// <param name="cancellationToken">Stops the send.</param>
    public async Task StartAsync(int statusCode, IEnumerable<KeyValuePair<string, string>> headers, long? contentLength, CancellationToken cancellationToken)
    {
        if (_state != State.NotStarted) throw new InvalidOperationException("The response has already started.");

        var fields = headers.ToList();
        bool responseSaysClose = fields.Any(field => field.Key.Equals("Connection", StringComparison.OrdinalIgnoreCase)
            && field.Value.Split(',').Any(token => token.Trim().Equals("close", StringComparison.OrdinalIgnoreCase)));
        fields.RemoveAll(field => field.Key.Equals("Connection", StringComparison.OrdinalIgnoreCase));

        _framing = statusCode is < 200 or 204 or 304 ? ResponseFraming.None
            : contentLength is not null ? ResponseFraming.ContentLength
            : Request.IsHttp11 ? ResponseFraming.Chunked
            : ResponseFraming.CloseDelimited;
        _contentLength = contentLength ?? 0;
        KeepAlive = Request.WantsKeepAlive && !responseSaysClose && _framing != ResponseFraming.CloseDelimited;
        string? connection = !KeepAlive ? "close" : Request.IsHttp11 ? null : "keep-alive";

        var head = ResponseHead.Format(statusCode, fields, _framing, _contentLength, connection, _time.GetUtcNow());
        _state = State.Started;
        await _connection.SendAsync(head, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends <paramref name="bytes"/> as one piece (one chunk when chunked). Nothing is sent for an empty piece or a body-less response.</summary>
    /// <exception cref="InvalidOperationException">The response has not started, or this would exceed its <c>Content-Length</c>.</exception>
    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (_state != State.Started) throw new InvalidOperationException("Start the response before writing its body.");
        if (_framing == ResponseFraming.ContentLength && _written + bytes.Length > _contentLength)
            throw new InvalidOperationException($"The body would exceed its Content-Length of {_contentLength} bytes.");
        _written += bytes.Length;
        if (bytes.IsEmpty || _framing == ResponseFraming.None || Request.IsHead) return;

        if (_framing != ResponseFraming.Chunked)
        {
            await _connection.SendAsync(bytes, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The chunk's size line, data and CRLF in one send, so each write reaches the client as one piece.
        byte[] prefix = Encoding.ASCII.GetBytes(bytes.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n");
        byte[] chunk = [.. prefix, .. bytes.Span, (byte)'\r', (byte)'\n'];
        await _connection.SendAsync(chunk, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the response cleanly (the last chunk when chunked).</summary>
    /// <exception cref="InvalidOperationException">Fewer bytes were written than the <c>Content-Length</c> promised.</exception>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_state != State.Started) throw new InvalidOperationException("Start the response before completing it.");
        if (_framing == ResponseFraming.ContentLength && _written < _contentLength)
            throw new InvalidOperationException($"Only {_written} of the {_contentLength} bytes the Content-Length promised were written.");
        if (_framing == ResponseFraming.Chunked && !Request.IsHead) await _connection.SendAsync(LastChunk, cancellationToken).ConfigureAwait(false);
        _state = State.Completed;
    }

    /// <summary>Closes the connection at once with a reset (RST): whatever is unsent is dropped.</summary>
    public void Abort()
    {
        _state = State.Ended;
        _connection.Reset();
    }

    /// <summary>Closes the connection without a response, as a crashing server does: an orderly close (FIN), no reset.</summary>
    public void CloseWithoutResponse()
    {
        _state = State.Ended;
        _connection.Close();
    }

    /// <summary>
    /// Ends the response without its clean end, losing no byte already sent: the server's side is shut (FIN after the
    /// queued bytes) and the connection is released when the client closes it or <paramref name="clientGoneOrServerStopping"/> fires.
    /// Closing at once could reset the connection (a reset discards bytes still in kernel buffers).
    /// </summary>
    public async Task EndAbruptlyAsync(CancellationToken clientGoneOrServerStopping)
    {
        _state = State.Ended;
        await _connection.HalfCloseAndWaitAsync(clientGoneOrServerStopping).ConfigureAwait(false);
    }
}
