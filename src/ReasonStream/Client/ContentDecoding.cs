using System.IO.Compression;
using System.Net;

namespace ReasonStream;

/// <summary>
/// Decodes a response body that arrives compressed (<c>Content-Encoding: gzip</c>, <c>deflate</c>, <c>br</c>), as proxies
/// send it even unasked. The client does not ask for compression (every event must reach the caller the moment it is
/// sent, and a compressing server may hold events back to fill a block), but it reads what it gets, with any
/// <see cref="HttpClient"/>.
/// </summary>
internal static class ContentDecoding
{
    /// <summary>The names the client decodes, for messages.</summary>
    public const string Known = "gzip, deflate and br";

    /// <summary>
    /// Replaces <paramref name="response"/>'s content with its decoded form when it is encoded. Returns the first
    /// encoding it cannot decode (the content is then left as it is), or null.
    /// </summary>
    public static string? Decode(HttpResponseMessage response)
    {
        var encodings = response.Content.Headers.ContentEncoding;
        if (encodings.Count == 0) return null;
        var names = encodings.Select(name => name.Trim().ToLowerInvariant()).Where(name => name is not ("" or "identity")).ToArray();
        if (names.Length == 0) return null;
        if (Array.Find(names, name => !IsKnown(name)) is { } unknown) return unknown;
        response.Content = new DecodedContent(response.Content, names);
        return null;
    }

    private static bool IsKnown(string name) => name is "gzip" or "x-gzip" or "deflate" or "br";

    /// <summary>The decoded body: the original content read through one decompressing stream per encoding, last applied first.</summary>
    private sealed class DecodedContent : HttpContent
    {
        private readonly HttpContent _encoded;
        private readonly string[] _encodings;

        public DecodedContent(HttpContent encoded, string[] encodings)
        {
            _encoded = encoded;
            _encodings = encodings;
            foreach (var header in encoded.Headers)
            {
                if (header.Key.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase) || header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
            Decoding(await _encoded.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));

        // The synchronous API reads on the caller's thread (see ReasoningClient.StreamCoreAsync).
        protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => Decoding(_encoded.ReadAsStream(cancellationToken));

        private Stream Decoding(Stream stream)
        {
            for (int i = _encodings.Length - 1; i >= 0; i--)
            {
                stream = _encodings[i] switch
                {
                    "br" => new BrotliStream(stream, CompressionMode.Decompress),
                    "deflate" => new ZLibStream(stream, CompressionMode.Decompress), // HTTP's "deflate" is the zlib format (RFC 9110)
                    _ => new GZipStream(stream, CompressionMode.Decompress),
                };
            }

            return stream;
        }

        protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            using var decoded = await CreateContentReadStreamAsync(CancellationToken.None).ConfigureAwait(false);
            await decoded.CopyToAsync(stream).ConfigureAwait(false);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _encoded.Dispose();
            base.Dispose(disposing);
        }
    }
}
