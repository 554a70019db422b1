using System.Text;

namespace ReasonStream.Testing.Http;

/// <summary>
/// Reads a request line and header fields (RFC 9112) off a connection. Strict where leniency could split one request
/// into two (folded lines, whitespace before a colon, control characters); tolerant of bare LF line ends and of empty
/// lines before the request line, as the RFC allows.
/// </summary>
internal static class RequestHeadParser
{
    /// <summary>The next request's head, or null if the client closed the connection before sending a byte of one.</summary>
    /// <exception cref="BadRequestException">The head is malformed, too large, or cut off by the client.</exception>
    public static async Task<RequestHead?> ReadAsync(ConnectionInput input, CancellationToken cancellationToken)
    {
        while (true)
        {
            SkipEmptyLines(input);
            int end = EndOfHead(input.Buffered);
            if (end >= 0)
            {
                var head = Parse(input.Buffered[..end]);
                input.Consume(end);
                return head;
            }

            if (input.Buffered.Length >= HttpLimits.MaxHeadBytes)
                throw new BadRequestException(431, $"Request Header Fields Too Large: the request line and headers exceed {HttpLimits.MaxHeadBytes} bytes.");

            bool started = input.Buffered.Length > 0;
            if (!await input.ReceiveAsync(cancellationToken).ConfigureAwait(false))
            {
                return started ? throw BadRequestException.Malformed("the connection ended inside the request headers.") : null;
            }
        }
    }

    /// <summary>Parses a complete head: everything up to and including the empty line.</summary>
    public static RequestHead Parse(ReadOnlySpan<byte> head)
    {
        var lines = new List<string>();
        foreach (var range in head.Split((byte)'\n'))
        {
            var line = head[range];
            if (line.EndsWith("\r"u8)) line = line[..^1];
            lines.Add(Latin1(line));
        }

        var (method, target, isHttp11) = RequestLine(lines[0]);
        var fields = new List<KeyValuePair<string, string>>();
        foreach (string line in lines.Skip(1).TakeWhile(line => line.Length > 0)) fields.Add(Field(line));

        if (isHttp11 && fields.Count(field => field.Key.Equals("Host", StringComparison.OrdinalIgnoreCase)) != 1)
            throw BadRequestException.Malformed("an HTTP/1.1 request needs exactly one Host header.");

        var (path, query) = RequestTarget.Parse(target, method);
        return new RequestHead(method, path, query, isHttp11, fields);
    }

    private static (string Method, string Target, bool IsHttp11) RequestLine(string line)
    {
        string[] parts = line.Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0)
            throw BadRequestException.Malformed($"the request line '{Printable(line)}' is not 'METHOD target HTTP/1.1'.");

        var (method, target, version) = (parts[0], parts[1], parts[2]);
        if (!method.All(IsTokenChar)) throw BadRequestException.Malformed($"'{Printable(method)}' is not a method.");
        if (!target.All(c => c is > ' ' and < '\x7f')) throw BadRequestException.Malformed($"the target '{Printable(target)}' has characters a URL cannot hold.");

        return version switch
        {
            "HTTP/1.1" => (method, target, true),
            "HTTP/1.0" => (method, target, false),
            _ when version.Length == 8 && version.StartsWith("HTTP/", StringComparison.Ordinal) && char.IsAsciiDigit(version[5]) && version[6] == '.' && char.IsAsciiDigit(version[7])
                => throw new BadRequestException(505, $"HTTP Version Not Supported: {version}; this server speaks HTTP/1.1."),
            _ => throw BadRequestException.Malformed($"'{Printable(version)}' is not an HTTP version."),
        };
    }

    private static KeyValuePair<string, string> Field(string line)
    {
        if (line[0] is ' ' or '\t') throw BadRequestException.Malformed("folded header lines (obs-fold) are not accepted.");
        int colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) throw BadRequestException.Malformed($"the header line '{Printable(line)}' has no name and colon.");

        string name = line[..colon];
        if (!name.All(IsTokenChar)) throw BadRequestException.Malformed($"'{Printable(name)}' is not a header name (no spaces before the colon).");
        string value = line[(colon + 1)..].Trim(' ', '\t');
        if (value.Any(c => c is < ' ' and not '\t' or '\x7f'))
            throw BadRequestException.Malformed($"the value of the header '{name}' holds control characters.");
        return new(name, value);
    }

    /// <summary>Index just past the empty line that ends the head, or -1 if it has not all arrived.</summary>
    private static int EndOfHead(ReadOnlySpan<byte> buffered)
    {
        int bare = buffered.IndexOf("\n\n"u8);
        int crlf = buffered.IndexOf("\n\r\n"u8);
        if (bare < 0) return crlf < 0 ? -1 : crlf + 3;
        return crlf < 0 || bare < crlf ? bare + 2 : crlf + 3;
    }

    /// <summary>RFC 9112 §2.2: a server should ignore empty lines before the request line (some clients send one after a body).</summary>
    private static void SkipEmptyLines(ConnectionInput input)
    {
        int skip = 0;
        var buffered = input.Buffered;
        while (skip < buffered.Length && buffered[skip] is (byte)'\r' or (byte)'\n') skip++;
        if (skip > 0) input.Consume(skip);
    }

    /// <summary>tchar of RFC 9110 §5.6.2.</summary>
    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);

    private static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>Control characters shown escaped, and long text cut, so a message about a bad request stays one readable line.</summary>
    private static string Printable(string text)
    {
        var shown = new StringBuilder();
        foreach (char c in text.Length > 200 ? text[..200] + "…" : text)
            shown.Append(c is < ' ' or '\x7f' ? $"\\x{(int)c:x2}" : c.ToString());
        return shown.ToString();
    }
}
