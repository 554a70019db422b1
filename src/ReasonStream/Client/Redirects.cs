namespace ReasonStream;

/// <summary>
/// Which redirects the client follows itself: on the same origin, with the same request and its credentials (a base URL
/// missing a slash, a moved path); never to another origin, which would hand the key to another server.
/// </summary>
internal static class Redirects
{
    /// <summary>Same-origin hops followed for one attempt before giving up.</summary>
    public const int MaxHops = 5;

    public static bool IsRedirect(int status) => status is 301 or 302 or 303 or 307 or 308;

    /// <summary>Where a redirect points, resolved against the URL that was asked; null when it names no place.</summary>
    public static Uri? Target(HttpResponseMessage response, Uri asked) =>
        response.Headers.Location is not { } location ? null
        : location.IsAbsoluteUri ? location
        : Uri.TryCreate(asked, location, out var resolved) ? resolved : null;

    /// <summary>
    /// True when the credentials may go along: same scheme, host and port, or the same host moving from http to https
    /// on the default ports (the key only gains protection).
    /// </summary>
    public static bool MayFollow(Uri from, Uri to)
    {
        if (to.Scheme != Uri.UriSchemeHttp && to.Scheme != Uri.UriSchemeHttps) return false;
        if (!string.Equals(from.IdnHost, to.IdnHost, StringComparison.OrdinalIgnoreCase)) return false;
        if (from.Scheme == to.Scheme) return from.Port == to.Port;
        return from.Scheme == Uri.UriSchemeHttp && to.Scheme == Uri.UriSchemeHttps && from.IsDefaultPort && to.IsDefaultPort;
    }
}
