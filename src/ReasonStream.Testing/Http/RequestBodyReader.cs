using System.Buffers;
using System.Globalization;
using System.Text;

namespace ReasonStream.Testing.Http;

/// <summary>
/// Reads a request body whole, framed as RFC 9112 §6 says: <c>Transfer-Encoding: chunked</c>, or <c>Content-Length</c>,
/// or none. Answers <c>100 Continue</c> first when the client waits for it. Refuses the framings a request-smuggling
/// attack relies on (both headers, differing lengths) rather than guessing.
/// </summary>
internal static class RequestBodyReader
{
    private static readonly byte[] Continue = "HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray();

    /// <param name="input">The connection's input, positioned just after the head.</param>
    /// <param name="head">The request's head.</param>
    /// <param name="sendAsync">Sends interim bytes (the <c>100 Continue</c>) to the client.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <exception cref="BadRequestException">The framing is invalid or unsupported, the body too large, or cut off.</exception>
    public static async Task<byte[]> ReadAsync(ConnectionInput input, RequestHead head, Func<ReadOnlyMemory<byte>, CancellationToken, Task> sendAsync, CancellationToken cancellationToken)
    {
        long? length = Framing(head);
        if (length == 0) return [];

        if (head.IsHttp11 && head.HasToken("Expect", "100-continue")) await sendAsync(Continue, cancellationToken).ConfigureAwait(false);

        if (length is { } contentLength)
        {
            var body = new byte[contentLength];
            await CopyAsync(input, body.AsMemory(), cancellationToken).ConfigureAwait(false);
            return body;
        }

        return await ReadChunkedAsync(input, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The body's length, or null when it is chunked.</summary>
    private static long? Framing(RequestHead head)
    {
        var codings = head.Values("Transfer-Encoding").SelectMany(value => value.Split(',')).Select(coding => coding.Trim(' ', '\t')).Where(coding => coding.Length > 0).ToList();
        var lengths = head.Values("Content-Length").SelectMany(value => value.Split(',')).Select(length => length.Trim(' ', '\t')).ToList();

        if (head.Values("Transfer-Encoding").Any())
        {
            if (!head.IsHttp11) throw BadRequestException.Malformed("Transfer-Encoding is not allowed in an HTTP/1.0 request.");
            if (lengths.Count > 0) throw BadRequestException.Malformed("a request must not have both Transfer-Encoding and Content-Length.");
            if (codings.Count == 0 || !codings[^1].Equals("chunked", StringComparison.OrdinalIgnoreCase))
                throw BadRequestException.Malformed("the last transfer coding of a request must be chunked.");
            if (codings.Count > 1)
                throw new BadRequestException(501, $"Not Implemented: the transfer coding '{string.Join(", ", codings)}'; only 'chunked' is understood.");
            return null;
        }

        if (lengths.Count == 0) return 0;
        if (lengths.Any(length => length.Length == 0 || !length.All(char.IsAsciiDigit)) || lengths.Distinct(StringComparer.Ordinal).Count() > 1)
            throw BadRequestException.Malformed($"Content-Length '{string.Join(", ", head.Values("Content-Length"))}' is not one number.");
        if (!long.TryParse(lengths[0], NumberStyles.None, CultureInfo.InvariantCulture, out long parsed) || parsed > HttpLimits.MaxBodyBytes)
            throw TooLarge();
        return parsed;
    }

    private static async Task<byte[]> ReadChunkedAsync(ConnectionInput input, CancellationToken cancellationToken)
    {
        var body = new ArrayBufferWriter<byte>();
        while (true)
        {
            string sizeLine = await ReadLineAsync(input, cancellationToken).ConfigureAwait(false);
            long size = ChunkSize(sizeLine);
            if (size == 0) break;
            if (body.WrittenCount + size > HttpLimits.MaxBodyBytes) throw TooLarge();

            await CopyAsync(input, body.GetMemory((int)size)[..(int)size], cancellationToken).ConfigureAwait(false);
            body.Advance((int)size);
            if (await ReadLineAsync(input, cancellationToken).ConfigureAwait(false) is { Length: > 0 } extra)
                throw BadRequestException.Malformed($"a chunk is longer than its size says ({size} bytes, then '{extra[..Math.Min(extra.Length, 20)]}').");
        }

        // Trailer fields, up to the empty line; they are not part of the body.
        int trailerBytes = 0;
        while (await ReadLineAsync(input, cancellationToken).ConfigureAwait(false) is { Length: > 0 } trailer)
        {
            trailerBytes += trailer.Length;
            if (trailerBytes > HttpLimits.MaxHeadBytes) throw new BadRequestException(431, "Request Header Fields Too Large: the chunked trailer is too long.");
        }

        return body.WrittenSpan.ToArray();
    }

    /// <summary><c>chunk-size [; ext]</c>: hexadecimal, extensions ignored.</summary>
    private static long ChunkSize(string line)
    {
        int semicolon = line.IndexOf(';', StringComparison.Ordinal);
        string digits = (semicolon < 0 ? line : line[..semicolon]).TrimEnd(' ', '\t');
        if (digits.Length is 0 or > 15 || !digits.All(char.IsAsciiHexDigit))
            throw BadRequestException.Malformed($"'{digits[..Math.Min(digits.Length, 20)]}' is not a chunk size.");
        return long.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    /// <summary>One line of chunked framing, without its CRLF (or bare LF).</summary>
    private static async Task<string> ReadLineAsync(ConnectionInput input, CancellationToken cancellationToken)
    {
        while (true)
        {
            int newline = input.Buffered.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var line = input.Buffered[..newline];
                if (line.EndsWith("\r"u8)) line = line[..^1];
                string text = Encoding.Latin1.GetString(line);
                input.Consume(newline + 1);
                return text;
            }

            if (input.Buffered.Length >= HttpLimits.MaxChunkLineBytes) throw BadRequestException.Malformed("a line of chunked framing is too long.");
            await ReceiveOrFailAsync(input, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task CopyAsync(ConnectionInput input, Memory<byte> destination, CancellationToken cancellationToken)
    {
        while (!destination.IsEmpty)
        {
            if (input.Buffered.IsEmpty) await ReceiveOrFailAsync(input, cancellationToken).ConfigureAwait(false);
            int count = Math.Min(destination.Length, input.Buffered.Length);
            input.Buffered[..count].CopyTo(destination.Span);
            input.Consume(count);
            destination = destination[count..];
        }
    }

    private static async Task ReceiveOrFailAsync(ConnectionInput input, CancellationToken cancellationToken)
    {
        if (!await input.ReceiveAsync(cancellationToken).ConfigureAwait(false))
            throw BadRequestException.Malformed("the connection ended inside the request body.");
    }

    private static BadRequestException TooLarge() =>
        new(413, $"Content Too Large: the request body exceeds {HttpLimits.MaxBodyBytes} bytes.");
}
