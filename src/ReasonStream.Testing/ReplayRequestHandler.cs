using Microsoft.AspNetCore.Http;

namespace ReasonStream.Testing;

/// <summary>Answers every request: records it, picks the scripted (or error) response, writes it.</summary>
internal sealed class ReplayRequestHandler(ReplayScript script, RequestLog log, ReplayResponseWriter writer, CancellationToken serverStopping)
{
    /// <summary>The streaming endpoints of every protocol: chat completions, Responses, Anthropic, Gemini, Ollama.</summary>
    private static readonly string[] StreamingPaths = ["/chat/completions", "/responses", "/v1/messages", ":streamGenerateContent", "/api/chat", "/api/generate"];

    public async Task HandleAsync(HttpContext context)
    {
        string body;
        try
        {
            body = await ReadBodyAsync(context.Request, serverStopping);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested || serverStopping.IsCancellationRequested)
        {
            context.Abort();
            return;
        }

        var request = context.Request;
        var (response, scriptIndex) = Choose(request.Method, request.Path.Value ?? "/");
        var recorded = log.Add(index => new RecordedRequest(
            index,
            request.Method,
            request.Path.Value ?? "/",
            request.QueryString.Value ?? "",
            request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body,
            scriptIndex,
            context.Connection.Id));

        try
        {
            await writer.WriteAsync(context, response, recorded);
        }
        catch (Exception exception)
        {
            recorded.SetFailure(exception);
            context.Abort();
        }
    }

    private (ReplayResponse Response, int? ScriptIndex) Choose(string method, string path)
    {
        if (!StreamingPaths.Any(suffix => path.TrimEnd('/').EndsWith(suffix, StringComparison.OrdinalIgnoreCase)))
            return (ServerErrors.NotFound(path), null);
        if (!HttpMethods.IsPost(method))
            return (ServerErrors.MethodNotAllowed(method), null);
        if (script.TryTakeNext(out var response, out var scriptIndex))
            return (response, scriptIndex);
        return (ServerErrors.ScriptExhausted(scriptedCount: scriptIndex), null);
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken serverStopping)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(request.HttpContext.RequestAborted, serverStopping);
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
        return await reader.ReadToEndAsync(stop.Token);
    }
}
