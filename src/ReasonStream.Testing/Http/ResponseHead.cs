using System.Text;

namespace ReasonStream.Testing.Http;

/// <summary>Writes a status line and header fields. The framing fields (<c>Content-Length</c>, <c>Transfer-Encoding</c>, <c>Connection</c>) are the server's.</summary>
internal static class ResponseHead
{
    private static readonly HashSet<string> FramingFields = new(StringComparer.OrdinalIgnoreCase) { "Content-Length", "Transfer-Encoding" };

    /// <exception cref="InvalidOperationException">A header would break the framing: a name that is not a token, a value with CR, LF or NUL, or a framing field.</exception>
    public static byte[] Format(int statusCode, IEnumerable<KeyValuePair<string, string>> headers, ResponseFraming framing, long contentLength, string? connection, DateTimeOffset now)
    {
        var head = new StringBuilder(256);
        head.Append("HTTP/1.1 ").Append(statusCode).Append(' ').Append(ReasonPhrases.For(statusCode)).Append("\r\n");

        bool hasDate = false;
        foreach (var (name, value) in headers)
        {
            Validate(name, value);
            hasDate |= name.Equals("Date", StringComparison.OrdinalIgnoreCase);
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (!hasDate) head.Append("Date: ").Append(now.ToString("r", System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n");
        if (framing == ResponseFraming.ContentLength) head.Append("Content-Length: ").Append(contentLength).Append("\r\n");
        if (framing == ResponseFraming.Chunked) head.Append("Transfer-Encoding: chunked\r\n");
        if (connection is not null) head.Append("Connection: ").Append(connection).Append("\r\n");
        head.Append("\r\n");
        return Encoding.Latin1.GetBytes(head.ToString());
    }

    /// <summary>
    /// Anything a test may want to send, down to control characters and Latin-1 bytes a hostile server might use,
    /// except what would end the field early or change the framing.
    /// </summary>
    private static void Validate(string name, string value)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal)))
            throw new InvalidOperationException($"'{name}' is not a valid response header name.");
        if (value.Any(c => c is '\r' or '\n' or '\0' or > '\xff'))
            throw new InvalidOperationException($"The value of the response header '{name}' holds CR, LF, NUL or a character beyond Latin-1.");
        if (FramingFields.Contains(name))
            throw new InvalidOperationException($"The server frames the body itself; '{name}' cannot be set (use ReplayResponse.SendContentLength).");
    }
}
