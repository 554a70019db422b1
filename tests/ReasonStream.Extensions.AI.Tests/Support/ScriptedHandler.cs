using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ReasonStream.Extensions.AI.Tests.Support;

/// <summary>An in-memory transport serving scripted responses in order and recording each request body.</summary>
public sealed class ScriptedHandler(params string[] bodies) : HttpMessageHandler
{
    private readonly Queue<(HttpStatusCode Status, string Body)> _script = new(bodies.Select(b => (HttpStatusCode.OK, b)));

    public List<JsonObject> Requests { get; } = [];

    public List<HttpRequestMessage> Messages { get; } = [];

    public ScriptedHandler ThenError(HttpStatusCode status, string body)
    {
        _script.Enqueue((status, body));
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Messages.Add(request);
        Requests.Add(JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject());
        if (!_script.TryDequeue(out var next)) throw new InvalidOperationException($"The script has no response for request {Requests.Count}.");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(next.Body));
        content.Headers.ContentType = new MediaTypeHeaderValue(next.Status == HttpStatusCode.OK ? "text/event-stream" : "application/json");
        return new HttpResponseMessage(next.Status) { Content = content, RequestMessage = request };
    }

    /// <summary>A client over this handler; chat completions unless another protocol is named (the script is chat chunks).</summary>
    public ReasoningClient Client(ProviderPreset? preset = null, WireProtocol protocol = WireProtocol.ChatCompletions) =>
        new(new ReasoningClientOptions
        {
            BaseUri = new Uri("http://in-memory/v1/"),
            Provider = preset ?? Providers.DeepSeek,
            Protocol = protocol,
            ApiKey = "sk-test-secret-key",
            Retry = RetryPolicy.None,
        }, new HttpClient(this));
}
