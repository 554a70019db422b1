using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ReasonStream.Testing;

namespace ReasonStream.Tests.Testing;

/// <summary>
/// A TCP connection to the replay server that speaks HTTP by hand, for what HttpClient will not send (pipelined or
/// malformed requests, chunk extensions, HTTP/1.0) or hides (chunk boundaries, the connection closing).
/// </summary>
internal sealed class RawHttp : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private RawHttp(Socket socket) => _socket = socket;

    public static async Task<RawHttp> ConnectAsync(ReplayServer server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.Port)).WaitAsync(Http.HangGuard);
        return new RawHttp(socket);
    }

    /// <summary>A POST to the chat endpoint with a Content-Length body.</summary>
    public static string Post(string body, string extraHeaders = "") =>
        $"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n{extraHeaders}Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes) => await _socket.SendAsync(bytes).WaitAsync(Http.HangGuard);

    /// <summary>Reads one response: status line, headers, then the body as its framing says (the chunks kept apart).</summary>
    /// <param name="headersOnly">Read no body whatever the headers say (the response to a HEAD).</param>
    public async Task<RawResponse> ReadResponseAsync(bool headersOnly = false)
    {
        string statusLine = await ReadLineAsync() ?? throw new IOException("The connection closed before a response.");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (string? line = await ReadLineAsync(); !string.IsNullOrEmpty(line); line = await ReadLineAsync())
        {
            int colon = line.IndexOf(':');
            headers[line[..colon]] = line[(colon + 1)..].Trim();
        }

        int status = int.Parse(statusLine.Split(' ')[1], CultureInfo.InvariantCulture);
        var chunks = new List<byte[]>();
        if (headersOnly || status is (>= 100 and < 200) or 204 or 304) return new RawResponse(statusLine, status, headers, chunks);

        if (headers.TryGetValue("Transfer-Encoding", out var coding) && coding == "chunked")
        {
            while (true)
            {
                string sizeLine = await ReadLineAsync() ?? throw new IOException("The connection closed before the last chunk.");
                int size = int.Parse(sizeLine, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0) break;
                chunks.Add(await ReadExactlyAsync(size));
                Assert.Equal("", await ReadLineAsync());
            }

            Assert.Equal("", await ReadLineAsync());
        }
        else if (headers.TryGetValue("Content-Length", out var length))
        {
            chunks.Add(await ReadExactlyAsync(int.Parse(length, CultureInfo.InvariantCulture)));
        }
        else
        {
            chunks.Add(await ReadToEndAsync());
        }

        return new RawResponse(statusLine, status, headers, chunks);
    }

    /// <summary>Whether the server closed the connection (orderly or with a reset) rather than sending more.</summary>
    public async Task<bool> ClosedByServerAsync()
    {
        if (_end > _start) return false;
        try
        {
            return await ReceiveAsync() == 0;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    /// <summary>Ends the client's sending side (FIN), keeping the socket open.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Closes the client side with a reset (RST), as a killed client does.</summary>
    public void Reset()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Dispose();
    }

    public void Dispose() => _socket.Dispose();

    private async Task<string?> ReadLineAsync()
    {
        while (true)
        {
            int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                string line = Encoding.Latin1.GetString(_buffer, _start, newline - _start).TrimEnd('\r');
                _start = newline + 1;
                return line;
            }

            if (await ReceiveAsync() == 0) return null;
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int count)
    {
        var bytes = new byte[count];
        int filled = 0;
        while (filled < count)
        {
            if (_end == _start && await ReceiveAsync() == 0) throw new IOException($"The connection closed after {filled} of {count} bytes.");
            int take = Math.Min(count - filled, _end - _start);
            Array.Copy(_buffer, _start, bytes, filled, take);
            _start += take;
            filled += take;
        }

        return bytes;
    }

    private async Task<byte[]> ReadToEndAsync()
    {
        var all = new MemoryStream();
        do
        {
            all.Write(_buffer, _start, _end - _start);
            _start = _end;
        }
        while (await ReceiveAsync() > 0);
        return all.ToArray();
    }

    private async Task<int> ReceiveAsync()
    {
        if (_start == _end) _start = _end = 0;
        if (_end == _buffer.Length)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        int count = await _socket.ReceiveAsync(_buffer.AsMemory(_end)).AsTask().WaitAsync(Http.HangGuard);
        _end += count;
        return count;
    }
}

/// <summary>A response read by <see cref="RawHttp"/>: the body as the chunks it came in (one piece unless chunked).</summary>
internal sealed record RawResponse(string StatusLine, int Status, IReadOnlyDictionary<string, string> Headers, IReadOnlyList<byte[]> Chunks)
{
    public byte[] Body => [.. Chunks.SelectMany(chunk => chunk)];

    public string BodyText => Encoding.UTF8.GetString(Body);
}
