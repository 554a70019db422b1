namespace ReasonStream.Testing.Http;

/// <summary>How a response's body is delimited on the wire.</summary>
internal enum ResponseFraming
{
    /// <summary>No body at all (1xx, 204, 304).</summary>
    None,

    /// <summary><c>Content-Length</c>: exactly that many bytes.</summary>
    ContentLength,

    /// <summary><c>Transfer-Encoding: chunked</c>: each write one chunk, then the zero-length last chunk.</summary>
    Chunked,

    /// <summary>An HTTP/1.0 client cannot read chunks: the body ends when the server closes the connection.</summary>
    CloseDelimited,
}
