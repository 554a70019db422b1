using System.Text;
using ReasonStream.Testing;
using ReasonStream.Tests.Integration;

namespace ReasonStream.Tests.Faults;

/// <summary>The error bodies of the fault matrix: what servers, proxies and broken gateways really send.</summary>
internal static class FaultBodies
{
    public const string Json = "json";
    public const string Html = "html";
    public const string Empty = "empty";
    public const string Huge = "huge";
    public const string LongJson = "long json";
    public const string InvalidUtf8 = "invalid UTF-8";
    public const string Gzip = "gzip json";

    public static readonly string[] All = [Json, Html, Empty, Huge, LongJson, InvalidUtf8, Gzip];

    /// <summary>The characters an HTML page shows before the echoed key: the key then straddles the excerpt's cut (300 characters).</summary>
    private const int KeyOffsetInExcerpt = 292;

    public static ReplayResponse For(int status, string kind) => kind switch
    {
        // A provider's JSON error that echoes the key (some do: "Your api key: sk-... is invalid").
        Json => ReplayResponse.Error(status, "{\"error\":{\"message\":\"Request failed; your api key " + Replay.Key + " was seen\",\"type\":\"some_error\"}}"),
        // A proxy's HTML page that echoes the key right where an excerpt is cut.
        Html => ReplayResponse.Error(status, HtmlEchoingTheKey(), "text/html"),
        Empty => ReplayResponse.Error(status, "", "text/plain"),
        Huge => ReplayResponse.Error(status, "<html><body>" + new string('x', 3 * 1024 * 1024) + "</body></html>", "text/html"),
        LongJson => ReplayResponse.Error(status, "{\"error\":{\"message\":\"" + new string('y', 50_000) + "\"}}"),
        InvalidUtf8 => ReplayResponse.Error(status, [.. "{\"error\":{\"message\":\"bad "u8, 0xFF, 0xFE, 0xC3, .. " bytes\",\"type\":\"broken_gateway\"}}"u8]),
        Gzip => ReplayResponse.Error(status, "{\"error\":{\"message\":\"compressed by a proxy\",\"type\":\"some_error\"}}").Encoded("gzip") with { SendContentLength = true },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The words each body's message must show (null when the body says nothing).</summary>
    public static string? Shown(string kind) => kind switch
    {
        Json => "Request failed; your api key *** was seen",
        Html => "<html> <head><title>Error</title></head>",
        InvalidUtf8 => "bad \uFFFD",
        Gzip => "compressed by a proxy",
        LongJson => "yyyyyyyyyy",
        Huge => "<html><body>xxxx",
        _ => null,
    };

    private static string HtmlEchoingTheKey()
    {
        const string head = "<html>\r\n<head><title>Error</title></head>\r\n<body>";
        // Whitespace folds to one space in the excerpt: "<html> <head><title>Error</title></head> <body>" is 48 characters.
        int folded = "<html> <head><title>Error</title></head> <body>".Length;
        var text = new StringBuilder(head).Append('z', KeyOffsetInExcerpt - folded).Append(Replay.Key).Append(" rejected</body></html>");
        return text.ToString();
    }
}
