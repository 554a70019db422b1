namespace ReasonStream.Testing.Http;

/// <summary>A request's line and header fields, as parsed; the body is read separately.</summary>
internal sealed class RequestHead(string method, string path, string queryString, bool isHttp11, IReadOnlyList<KeyValuePair<string, string>> fields)
{
    public string Method { get; } = method;

    /// <summary>The path, percent-decoded except <c>%2F</c>, with dot segments removed (as Kestrel gives it).</summary>
    public string Path { get; } = path;

    /// <summary>The raw query including its <c>?</c>, or empty.</summary>
    public string QueryString { get; } = queryString;

    /// <summary>HTTP/1.1 (or else 1.0).</summary>
    public bool IsHttp11 { get; } = isHttp11;

    /// <summary>Every header field in arrival order, names as sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; } = fields;

    public bool IsHead => Method == "HEAD";

    /// <summary>Whether the client lets the connection serve another request: HTTP/1.1 unless it says <c>close</c>, HTTP/1.0 only if it says <c>keep-alive</c>.</summary>
    public bool WantsKeepAlive => IsHttp11 ? !HasToken("Connection", "close") : HasToken("Connection", "keep-alive");

    /// <summary>Each value of the field <paramref name="name"/> (any case), in order.</summary>
    public IEnumerable<string> Values(string name) =>
        Fields.Where(field => string.Equals(field.Key, name, StringComparison.OrdinalIgnoreCase)).Select(field => field.Value);

    /// <summary>Whether the comma-separated list field <paramref name="name"/> holds <paramref name="token"/> (any case).</summary>
    public bool HasToken(string name, string token) =>
        Values(name).SelectMany(value => value.Split(',')).Any(item => string.Equals(item.Trim(' ', '\t'), token, StringComparison.OrdinalIgnoreCase));

    /// <summary>The fields as a case-insensitive dictionary; repeated fields joined with commas, as Kestrel joins them.</summary>
    public Dictionary<string, string> ToDictionary()
    {
        var joined = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in Fields)
            joined[name] = joined.TryGetValue(name, out var earlier) ? earlier + "," + value : value;
        return joined;
    }
}
