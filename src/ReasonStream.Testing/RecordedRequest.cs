using System.Text.Json.Nodes;

namespace ReasonStream.Testing;

/// <summary>A request the server received, as it arrived, and how the server's response to it ended.</summary>
public sealed class RecordedRequest
{
    private readonly TaskCompletionSource<ResponseOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal RecordedRequest(int index, string method, string path, string queryString, IReadOnlyDictionary<string, string> headers, string body, int? scriptIndex, string connectionId = "")
    {
        Index = index;
        ConnectionId = connectionId;
        Method = method;
        Path = path;
        QueryString = queryString;
        Headers = headers;
        Body = body;
        ScriptIndex = scriptIndex;
    }

    /// <summary>Position in arrival order, from 0, counting every request (including ones answered 404).</summary>
    public int Index { get; }

    /// <summary>The server's id of the TCP connection the request came on: equal ids mean a reused connection.</summary>
    public string ConnectionId { get; }

    /// <summary>The HTTP method, e.g. <c>POST</c>.</summary>
    public string Method { get; }

    /// <summary>The request path, e.g. <c>/v1/chat/completions</c>.</summary>
    public string Path { get; }

    /// <summary>The query string including its <c>?</c>, or empty.</summary>
    public string QueryString { get; }

    /// <summary>Every request header; names are case-insensitive, repeated headers are joined with commas.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The raw body, decoded as UTF-8.</summary>
    public string Body { get; }

    /// <summary>
    /// Which scripted response answered this request (0 = the first), or <see langword="null"/> if the server
    /// answered with its own error (unknown path, wrong method, script exhausted).
    /// </summary>
    public int? ScriptIndex { get; }

    /// <summary>
    /// Completes when the server's side of the exchange is over, saying how: completed, aborted by a fault,
    /// client disconnected (e.g. the client cancelled mid-stream), or server stopped.
    /// </summary>
    public Task<ResponseOutcome> Outcome => _outcome.Task;

    /// <summary>Parses <see cref="Body"/> as JSON for assertions.</summary>
    /// <exception cref="System.Text.Json.JsonException">The body is not JSON.</exception>
    public JsonNode? BodyAsJson() => JsonNode.Parse(Body);

    /// <summary>The value of a header, or <see langword="null"/> if it was not sent.</summary>
    /// <param name="name">Header name, any case.</param>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <inheritdoc />
    public override string ToString() => $"#{Index} {Method} {Path}{QueryString}";

    internal void SetOutcome(ResponseOutcome outcome) => _outcome.TrySetResult(outcome);

    internal void SetFailure(Exception exception) => _outcome.TrySetException(exception);
}
