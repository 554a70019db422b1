using System.Text;

namespace ReasonStream.Cli.Configuration;

/// <summary>
/// A URL as it may be shown or stored: without the user-info part (<c>http://user:password@host/</c>) and with the values of
/// query parameters that carry secrets (<c>key</c>, <c>api_key</c>, <c>token</c>, <c>signature</c>, …) masked. The log keeps
/// only this form, so a credential given in <c>--base-url</c> is used for the request and never shown or stored.
/// </summary>
internal static class UrlDisplay
{
    private static readonly string[] SecretWords = ["key", "token", "secret", "password", "passwd", "auth", "sig", "credential"];

    public static string WithoutSecrets(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            int at = url.IndexOf('@', StringComparison.Ordinal);
            int scheme = url.IndexOf("://", StringComparison.Ordinal);
            return at > scheme && scheme >= 0 ? url[..(scheme + 3)] + "***@" + url[(at + 1)..] : url; // not a URL: still no user-info
        }

        var shown = new StringBuilder(uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped));
        if (uri.Query.Length > 1)
        {
            shown.Append('?');
            bool first = true;
            foreach (string pair in uri.Query[1..].Split('&'))
            {
                if (!first) shown.Append('&');
                first = false;
                int equals = pair.IndexOf('=', StringComparison.Ordinal);
                string name = equals < 0 ? pair : pair[..equals];
                shown.Append(equals >= 0 && IsSecret(name) ? name + "=***" : pair);
            }
        }

        return shown.ToString();
    }

    private static bool IsSecret(string name)
    {
        string lower = Uri.UnescapeDataString(name).ToLowerInvariant();
        return SecretWords.Any(word => lower.Contains(word, StringComparison.Ordinal));
    }
}
