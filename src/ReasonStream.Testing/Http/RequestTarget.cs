using System.Text;

namespace ReasonStream.Testing.Http;

/// <summary>
/// Turns a request-target into the path and query a handler sees, as Kestrel does: the path percent-decoded (all
/// escapes but <c>%2F</c>, which would change where segments end) with <c>.</c> and <c>..</c> segments removed; the query raw.
/// </summary>
internal static class RequestTarget
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="BadRequestException">Not an origin-form (<c>/path?query</c>), absolute-form (<c>http://host/path</c>) or <c>*</c> target.</exception>
    public static (string Path, string QueryString) Parse(string target, string method)
    {
        if (target == "*")
        {
            return method == "OPTIONS" ? ("*", "") : throw BadRequestException.Malformed("'*' is a target only for OPTIONS.");
        }

        string pathAndQuery = target.StartsWith('/') ? target : AfterAuthority(target);
        int question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        string rawPath = question < 0 ? pathAndQuery : pathAndQuery[..question];
        string query = question < 0 ? "" : pathAndQuery[question..];
        return (RemoveDotSegments(Decode(rawPath)), query);
    }

    /// <summary>The path and query of an absolute-form target (what a client sends to a proxy).</summary>
    private static string AfterAuthority(string target)
    {
        int schemeEnd = target.IndexOf("://", StringComparison.Ordinal);
        string scheme = schemeEnd < 0 ? "" : target[..schemeEnd];
        if (!scheme.Equals("http", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
            throw BadRequestException.Malformed($"the target '{target}' is neither a path nor an http URL.");

        int authorityStart = schemeEnd + 3;
        int pathStart = target.IndexOfAny(['/', '?'], authorityStart);
        if (pathStart == authorityStart) throw BadRequestException.Malformed($"the target '{target}' has no host.");
        if (pathStart < 0) return "/";
        return target[pathStart] == '?' ? "/" + target[pathStart..] : target[pathStart..];
    }

    private static string Decode(string rawPath)
    {
        if (!rawPath.Contains('%', StringComparison.Ordinal)) return rawPath;

        var bytes = new List<byte>(rawPath.Length);
        for (int i = 0; i < rawPath.Length; i++)
        {
            if (rawPath[i] == '%' && i + 2 < rawPath.Length && byte.TryParse(rawPath.AsSpan(i + 1, 2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out byte value) && value != (byte)'/')
            {
                bytes.Add(value);
                i += 2;
            }
            else
            {
                bytes.Add((byte)rawPath[i]); // the target is ASCII, checked by the parser
            }
        }

        try
        {
            return StrictUtf8.GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            return rawPath; // escapes that are not UTF-8 stay escaped
        }
    }

    /// <summary>RFC 3986 §5.2.4, on an absolute path.</summary>
    private static string RemoveDotSegments(string path)
    {
        if (!path.Contains('.', StringComparison.Ordinal)) return path;

        var output = new List<string>();
        string[] segments = path.Split('/');
        for (int i = 1; i < segments.Length; i++)
        {
            bool last = i == segments.Length - 1;
            switch (segments[i])
            {
                case ".":
                    if (last) output.Add("");
                    break;
                case "..":
                    if (output.Count > 0) output.RemoveAt(output.Count - 1);
                    if (last) output.Add("");
                    break;
                default:
                    output.Add(segments[i]);
                    break;
            }
        }

        return "/" + string.Join('/', output);
    }
}
