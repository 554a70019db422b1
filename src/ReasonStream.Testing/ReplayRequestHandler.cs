using System.Text;
using ReasonStream.Testing.Http;

namespace ReasonStream.Testing;

/// <summary>Answers every request: records it, picks the scripted (or error) response, writes it.</summary>
internal sealed class ReplayRequestHandler(ReplayScript script, RequestLog log, ReplayResponseWriter writer)
{
    public async Task HandleAsync(HttpExchange exchange)
    {
        var request = exchange.Request;
        var (response, scriptIndex) = Choose(request.Method, request.Path);
        var recorded = log.Add(index => new RecordedRequest(
            index,
            request.Method,
            request.Path,
            request.QueryString,
            request.ToDictionary(),
            DecodeBody(exchange.Body),
            scriptIndex,
            exchange.ConnectionId));

        try
        {
            await writer.WriteAsync(exchange, response, recorded);
        }
        catch (Exception exception)
        {
            recorded.SetFailure(exception);
            exchange.Abort();
        }
    }

    private (ReplayResponse Response, int? ScriptIndex) Choose(string method, string path)
    {
        if (ReplayEndpoints.MethodFor(path) is not { } allowed)
            return (ServerErrors.NotFound(path), null);
        if (!method.Equals(allowed, StringComparison.OrdinalIgnoreCase))
            return (ServerErrors.MethodNotAllowed(method, allowed), null);
        if (script.TryTakeNext(out var response, out var scriptIndex))
            return (response, scriptIndex);
        return (ServerErrors.ScriptExhausted(scriptedCount: scriptIndex), null);
    }

    /// <summary>UTF-8, a byte order mark dropped, as a <see cref="StreamReader"/> reads it.</summary>
    private static string DecodeBody(byte[] body)
    {
        using var reader = new StreamReader(new MemoryStream(body), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
