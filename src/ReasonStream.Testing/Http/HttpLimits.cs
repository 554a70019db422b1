namespace ReasonStream.Testing.Http;

/// <summary>
/// How much of a request the server takes before it answers with an error. Generous next to a production server
/// (Kestrel: 32 KB of headers, 30 MB of body), because a test may send big headers on purpose; bounded all the same,
/// so a runaway client cannot exhaust the memory of the test run.
/// </summary>
internal static class HttpLimits
{
    /// <summary>The request line and headers together; beyond it, <c>431 Request Header Fields Too Large</c>.</summary>
    public const int MaxHeadBytes = 256 * 1024;

    /// <summary>One line of chunked framing (a chunk size with its extensions, or a trailer); beyond it, <c>400</c>.</summary>
    public const int MaxChunkLineBytes = 8 * 1024;

    /// <summary>The request body (after chunked decoding); beyond it, <c>413 Content Too Large</c>.</summary>
    public const long MaxBodyBytes = 30_000_000;

    /// <summary>What a lingering close reads and discards at most before it closes anyway.</summary>
    public const int MaxLingerBytes = 64 * 1024;

    /// <summary>How long a lingering close waits for the client to close first.</summary>
    public static readonly TimeSpan LingerTimeout = TimeSpan.FromSeconds(2);
}
