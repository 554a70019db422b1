using System.IO.Compression;

namespace ReasonStream.Testing;

// Faults a hostile or misconfigured server (or a proxy in front of it) produces: dropped connections before any
// headers, redirects, error bodies that are not valid UTF-8, compressed bodies.
public sealed partial record ReplayResponse
{
    /// <summary>
    /// Fault: accept the request, then close the connection without sending any response (no status line, no headers),
    /// as a crashing server or a proxy that gives up does. The client sees the connection end before the headers.
    /// </summary>
    public bool AbortBeforeHeaders { get; init; }

    /// <summary>A non-streaming error reply whose body is exactly these bytes (for bodies that are not valid UTF-8).</summary>
    /// <param name="statusCode">HTTP status, e.g. 401.</param>
    /// <param name="body">The body, served exactly.</param>
    /// <param name="contentType">Its content type.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ by the body's type (text, bytes), so no call is ambiguous.")]
    public static ReplayResponse Error(int statusCode, byte[] body, string contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        return new()
        {
            StatusCode = statusCode,
            ContentType = contentType,
            Body = body.ToArray(),
            SendContentLength = true,
            WriteSplit = WriteSplit.WholeBody,
        };
    }

    /// <summary>A redirect: <paramref name="statusCode"/> (301, 302, 303, 307 or 308) with a <c>Location</c> header and an empty body.</summary>
    /// <param name="statusCode">The redirect status.</param>
    /// <param name="location">Where to, absolute or relative.</param>
    public static ReplayResponse Redirect(int statusCode, string location)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        return Error(statusCode, [], "text/plain").WithHeader("Location", location);
    }

    /// <summary>
    /// A copy whose body is compressed with <paramref name="contentEncoding"/> (<c>gzip</c>, <c>deflate</c> or <c>br</c>) and
    /// labelled with it in <c>Content-Encoding</c>, as a compressing proxy serves it. Each event is compressed and flushed on its
    /// own, so the encoded stream can be decoded event by event. Any other name only sets the header (the body stays as it is),
    /// to serve an encoding the client cannot know.
    /// </summary>
    /// <param name="contentEncoding">The encoding's name.</param>
    public ReplayResponse Encoded(string contentEncoding)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentEncoding);
        var encoded = contentEncoding.ToLowerInvariant() switch
        {
            "gzip" or "x-gzip" => Compress(output => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)),
            "deflate" => Compress(output => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true)),
            "br" => Compress(output => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true)),
            _ => Body.ToArray(),
        };
        return WithHeader("Content-Encoding", contentEncoding) with
        {
            Body = encoded,
            WriteSplit = WriteSplit.WholeBody, // event boundaries mean nothing in compressed bytes
        };
    }

    private byte[] Compress(Func<Stream, Stream> encoder)
    {
        using var output = new MemoryStream();
        using (var compressor = encoder(output))
        {
            int start = 0;
            foreach (int end in SseEventBoundaries.Find(Body.Span).Append(Body.Length))
            {
                if (end <= start) continue;
                compressor.Write(Body.Span[start..end]);
                compressor.Flush(); // a sync flush: everything so far can be decoded
                start = end;
            }
        }

        return output.ToArray();
    }
}
