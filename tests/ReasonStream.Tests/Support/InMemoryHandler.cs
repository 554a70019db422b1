using System.Net;
using System.Text;

namespace ReasonStream.Tests.Support;

/// <summary>
/// An HttpMessageHandler that answers from memory, handing the body out in reads of the given sizes —
/// to test every way the network could cut the same bytes, without a socket.
/// </summary>
public sealed class InMemoryHandler(byte[] body, Func<int, int>? readSize = null, HttpStatusCode status = HttpStatusCode.OK, string contentType = "text/event-stream") : HttpMessageHandler
{
    public List<string> RequestBodies { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        RequestBodies.Add(request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken));
        var content = new StreamContent(new SplitReadStream(body, readSize ?? (_ => int.MaxValue)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return new HttpResponseMessage(status) { Content = content, RequestMessage = request };
    }

    public static ReasoningClient Client(byte[] body, Func<int, int>? readSize = null, ReasoningDialect? dialect = null, WireProtocol? protocol = null) =>
        new(new ReasoningClientOptions { BaseUri = new Uri("http://in-memory/v1/"), Dialect = dialect, Protocol = protocol, Retry = RetryPolicy.None },
            new HttpClient(new InMemoryHandler(body, readSize)));

    public static ReasoningClient Client(string body, Func<int, int>? readSize = null, ReasoningDialect? dialect = null, WireProtocol? protocol = null) =>
        Client(Encoding.UTF8.GetBytes(body), readSize, dialect, protocol);

    /// <summary>A client whose server answers with the given content type (NDJSON, plain JSON, a mislabelled stream, HTML).</summary>
    public static ReasoningClient Client(byte[] body, string contentType, WireProtocol? protocol = null, Func<int, int>? readSize = null) =>
        new(new ReasoningClientOptions { BaseUri = new Uri("http://in-memory/"), Protocol = protocol, Retry = RetryPolicy.None },
            new HttpClient(new InMemoryHandler(body, readSize, contentType: contentType)));

    /// <inheritdoc cref="Client(byte[], string, WireProtocol?, Func{int, int}?)"/>
    public static ReasoningClient Client(string body, string contentType, WireProtocol? protocol = null) => Client(Encoding.UTF8.GetBytes(body), contentType, protocol);
}

/// <summary>A read-only stream whose n-th read returns at most readSize(n) bytes.</summary>
public sealed class SplitReadStream(byte[] data, Func<int, int> readSize) : Stream
{
    private int _position;
    private int _reads;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => data.Length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = Math.Min(Math.Min(buffer.Length, Math.Max(1, readSize(_reads++))), data.Length - _position);
        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
