using Microsoft.AspNetCore.Http;

namespace ReasonStream.AspNetCore;

/// <summary><c>GET {pattern}/client.js</c>: the dependency-free browser client, embedded in this assembly.</summary>
internal static class ClientScriptEndpoint
{
    private static readonly Lazy<byte[]> Script = new(Load);

    public static async Task ServeAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/javascript; charset=utf-8";
        http.Response.Headers.CacheControl = "public, max-age=300";
        http.Response.Headers["X-Content-Type-Options"] = "nosniff";
        await http.Response.Body.WriteAsync(Script.Value, http.RequestAborted).ConfigureAwait(false);
    }

    internal static byte[] Load()
    {
        using var stream = typeof(ClientScriptEndpoint).Assembly.GetManifestResourceStream("reasonstream-relay.js")
            ?? throw new InvalidOperationException("The embedded reasonstream-relay.js is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
