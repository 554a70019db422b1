using System.Net;
using ReasonStream.Testing;

namespace ReasonStream.Tests.Testing;

/// <summary>The replay server answers every protocol's model list (<see cref="ReasoningClient.ListModelsAsync"/>) from its script, recording the requests.</summary>
public sealed class ModelListEndpointTests
{
    private const string Key = "sk-models-0123456789";

    public static TheoryData<WireProtocol, string, string, string> Lists => new()
    {
        { WireProtocol.ChatCompletions, "v1", "/v1/models", """{"object":"list","data":[{"id":"deepseek-flash","object":"model"},{"id":"deepseek-v4-pro","object":"model"}]}""" },
        { WireProtocol.Responses, "v1", "/v1/models", """{"object":"list","data":[{"id":"deepseek-flash","object":"model"},{"id":"deepseek-v4-pro","object":"model"}]}""" },
        { WireProtocol.AnthropicMessages, "", "/v1/models", """{"data":[{"type":"model","id":"deepseek-flash"},{"type":"model","id":"deepseek-v4-pro"}],"has_more":false}""" },
        { WireProtocol.GeminiGenerateContent, "v1beta", "/v1beta/models", """{"models":[{"name":"models/deepseek-flash","supportedGenerationMethods":["generateContent"]},{"name":"models/deepseek-v4-pro","supportedGenerationMethods":["generateContent"]}]}""" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_model_list_is_answered_from_the_script_and_its_GET_recorded(WireProtocol protocol, string basePath, string listPath, string list)
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromJson(list));
        using var client = new ReasoningClient(ReasoningClientOptions.ForEndpoint($"http://127.0.0.1:{server.Port}/{basePath}", Key, protocol: protocol));

        var models = await client.ListModelsAsync().WaitAsync(Http.HangGuard);

        Assert.Equal(["deepseek-flash", "deepseek-v4-pro"], models.Select(m => m.Id));
        var request = Assert.Single(server.Requests);
        Assert.Equal(("GET", listPath, 0), (request.Method, request.Path, request.ScriptIndex));
        Assert.Contains(Key, request.Header("Authorization") ?? request.Header("x-api-key") ?? request.Header("x-goog-api-key"), StringComparison.Ordinal);
        Assert.Equal(ResponseOutcome.Completed, await request.Outcome.WaitAsync(Http.HangGuard));
    }

    [Fact]
    public async Task Ollama_tags_and_each_models_details_are_answered_in_script_order()
    {
        await using var server = await ReplayServer.StartAsync(
            ReplayResponse.FromJson("""{"models":[{"name":"qwen3:8b"},{"name":"gemma3"}]}"""),
            ReplayResponse.FromJson("""{"capabilities":["completion","thinking"]}"""),
            ReplayResponse.FromJson("""{"capabilities":["completion"]}"""));
        using var client = new ReasoningClient(ReasoningClientOptions.ForEndpoint($"http://127.0.0.1:{server.Port}", preset: Providers.Ollama, protocol: WireProtocol.OllamaChat));

        var models = await client.ListModelsAsync().WaitAsync(Http.HangGuard);

        Assert.Equal([("qwen3:8b", (bool?)true), ("gemma3", false)], models.Select(m => (m.Id, m.SupportsReasoning)));
        Assert.Equal(["GET /api/tags", "POST /api/show", "POST /api/show"], server.Requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.Equal("""{"model":"gemma3"}""", server.Requests[2].Body);
    }

    [Fact]
    public async Task A_scripted_error_answers_a_model_list_as_it_answers_a_stream()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.Error(401, """{"error":{"message":"bad key"}}"""));
        using var client = new ReasoningClient(ReasoningClientOptions.ForEndpoint(server.BaseUri.ToString(), Key));

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => client.ListModelsAsync().WaitAsync(Http.HangGuard));

        Assert.Equal(0, Assert.Single(server.Requests).ScriptIndex);
    }

    [Fact]
    public async Task A_list_and_a_stream_take_their_turns_from_one_script()
    {
        await using var server = await ReplayServer.StartAsync(
            ReplayResponse.FromJson("""{"object":"list","data":[{"id":"deepseek-flash","object":"model"}]}"""),
            new ScriptedReply(WireProtocol.ChatCompletions).Answer("Hi.").ToResponse());
        using var client = new ReasoningClient(ReasoningClientOptions.ForEndpoint(server.BaseUri.ToString(), Key));

        var models = await client.ListModelsAsync().WaitAsync(Http.HangGuard);
        var answer = await client.CompleteAsync(new ChatRequest("deepseek-flash", [Message.User("Hello?")])).WaitAsync(Http.HangGuard);

        Assert.Equal("deepseek-flash", Assert.Single(models).Id);
        Assert.Equal("Hi.", answer.Answer);
        Assert.Equal([("GET", 0), ("POST", 1)], server.Requests.Select(r => (r.Method, r.ScriptIndex ?? -1)));
    }

    [Theory]
    [InlineData("POST", "models", "GET")]
    [InlineData("GET", "chat/completions", "POST")]
    [InlineData("GET", "api/show", "POST")]
    public async Task The_wrong_method_gets_405_naming_the_right_one_without_using_up_the_script(string method, string path, string allowed)
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("ok"));
        using var client = new HttpClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(server.BaseUri, path)) { Content = method == "POST" ? new StringContent("{}") : null })
            .WaitAsync(Http.HangGuard);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal([allowed], response.Content.Headers.Allow);
        Assert.Null(Assert.Single(server.Requests).ScriptIndex);
    }
}
