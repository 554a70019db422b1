using System.Net;
using System.Text;

namespace ReasonStream.Tests.Models;

/// <summary>
/// <see cref="ReasoningClient.ListModelsAsync"/> in every protocol: the list's own path, paging and authentication, and the
/// reasoning mark where the provider gives one. Answered from memory by a handler that routes on the request, so the
/// providers' own base URLs stay in the assertions (the replay server's model lists: Testing/ModelListEndpointTests).
/// </summary>
public sealed class ModelListTests
{
    private const string Key = "sk-list-0123456789";

    [Fact]
    public async Task Chat_completions_lists_GET_models_with_the_bearer_key_and_does_not_guess_reasoning()
    {
        var server = new RoutingHandler(_ => (HttpStatusCode.OK, """{"object":"list","data":[{"id":"deepseek-flash","object":"model","created":1700000000,"owned_by":"deepseek"},{"id":"deepseek-v4-pro","object":"model","owned_by":"deepseek"}]}"""));
        using var client = Client(server, Providers.DeepSeek, "https://api.deepseek.com");

        var models = await client.ListModelsAsync();

        Assert.Equal(["deepseek-flash", "deepseek-v4-pro"], models.Select(m => m.Id));
        Assert.All(models, m => Assert.Null(m.SupportsReasoning));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), models[0].CreatedAt);
        var request = Assert.Single(server.Requests);
        Assert.Equal("GET https://api.deepseek.com/models", request.Line);
        Assert.Equal("Bearer " + Key, request.Headers["Authorization"]);
    }

    [Fact]
    public async Task OpenRouter_marks_the_models_whose_supported_parameters_include_reasoning()
    {
        var server = new RoutingHandler(_ => (HttpStatusCode.OK, """
            {"data":[
              {"id":"deepseek/deepseek-v4-pro","name":"DeepSeek V4 Pro","supported_parameters":["max_tokens","reasoning","include_reasoning"]},
              {"id":"openai/gpt-4o-mini","name":"GPT-4o mini","supported_parameters":["max_tokens","tools"]}]}
            """));
        using var client = Client(server, Providers.OpenRouter, "https://openrouter.ai/api/v1");

        var models = await client.ListModelsAsync();

        Assert.Equal("GET https://openrouter.ai/api/v1/models", Assert.Single(server.Requests).Line);
        Assert.True(models[0].SupportsReasoning);
        Assert.Equal("DeepSeek V4 Pro", models[0].DisplayName);
        Assert.False(models[1].SupportsReasoning);
    }

    [Fact]
    public async Task Anthropic_pages_v1_models_with_its_own_headers_and_reads_capabilities_thinking()
    {
        var server = new RoutingHandler(request => request.RequestUri!.Query.Contains("after_id", StringComparison.Ordinal)
            ? (HttpStatusCode.OK, """{"data":[{"type":"model","id":"claude-3-haiku-20240307","display_name":"Claude Haiku 3","created_at":"2024-03-07T00:00:00Z"}],"has_more":false,"first_id":"claude-3-haiku-20240307","last_id":"claude-3-haiku-20240307"}""")
            : (HttpStatusCode.OK, """
                {"data":[
                  {"type":"model","id":"claude-opus-4-6","display_name":"Claude Opus 4.6","created_at":"2026-02-05T00:00:00Z",
                   "capabilities":{"thinking":{"supported":true,"types":{"adaptive":{"supported":true}}},"effort":{"supported":true}}},
                  {"type":"model","id":"claude-3-5-haiku","display_name":"Claude Haiku 3.5","created_at":"2024-10-22T00:00:00Z",
                   "capabilities":{"thinking":{"supported":false}}}],
                 "has_more":true,"first_id":"claude-opus-4-6","last_id":"claude-3-5-haiku"}
                """));
        using var client = Client(server, Providers.Anthropic, "https://api.anthropic.com");

        var models = await client.ListModelsAsync();

        Assert.Equal(["claude-opus-4-6", "claude-3-5-haiku", "claude-3-haiku-20240307"], models.Select(m => m.Id));
        Assert.Equal([true, false, null], models.Select(m => m.SupportsReasoning));
        Assert.Equal(new DateTimeOffset(2026, 2, 5, 0, 0, 0, TimeSpan.Zero), models[0].CreatedAt);
        Assert.Equal(["GET https://api.anthropic.com/v1/models?limit=1000", "GET https://api.anthropic.com/v1/models?limit=1000&after_id=claude-3-5-haiku"],
            server.Requests.Select(r => r.Line));
        Assert.All(server.Requests, r =>
        {
            Assert.Equal(Key, r.Headers["x-api-key"]);
            Assert.Equal("2023-06-01", r.Headers["anthropic-version"]);
            Assert.False(r.Headers.ContainsKey("Authorization"));
        });
    }

    [Fact]
    public async Task Gemini_pages_models_drops_the_prefix_skips_embedders_and_reads_thinking()
    {
        var server = new RoutingHandler(request => request.RequestUri!.Query.Contains("pageToken", StringComparison.Ordinal)
            ? (HttpStatusCode.OK, """{"models":[{"name":"models/gemini-2.0-flash","displayName":"Gemini 2.0 Flash","supportedGenerationMethods":["generateContent","countTokens"]}]}""")
            : (HttpStatusCode.OK, """
                {"models":[
                  {"name":"models/gemini-2.5-flash","displayName":"Gemini 2.5 Flash","supportedGenerationMethods":["generateContent","countTokens"],"thinking":true},
                  {"name":"models/text-embedding-004","supportedGenerationMethods":["embedContent"]}],
                 "nextPageToken":"page 2"}
                """));
        using var client = Client(server, Providers.Gemini, "https://generativelanguage.googleapis.com/v1beta");

        var models = await client.ListModelsAsync();

        Assert.Equal(["gemini-2.5-flash", "gemini-2.0-flash"], models.Select(m => m.Id));
        Assert.Equal([true, false], models.Select(m => m.SupportsReasoning));
        Assert.Equal(["GET https://generativelanguage.googleapis.com/v1beta/models?pageSize=1000", "GET https://generativelanguage.googleapis.com/v1beta/models?pageSize=1000&pageToken=page%202"],
            server.Requests.Select(r => r.Line));
        Assert.All(server.Requests, r => Assert.Equal(Key, r.Headers["x-goog-api-key"]));
    }

    [Fact]
    public async Task Ollama_lists_api_tags_then_asks_api_show_what_each_model_can_do()
    {
        var server = new RoutingHandler(request => request.RequestUri!.AbsolutePath switch
        {
            "/api/tags" => (HttpStatusCode.OK, """{"models":[{"name":"qwen3:8b","modified_at":"2025-05-01T10:00:00Z","size":1},{"name":"gemma3","size":2}]}"""),
            "/api/show" when request.Body.Contains("qwen3:8b", StringComparison.Ordinal) => (HttpStatusCode.OK, """{"capabilities":["completion","tools","thinking"]}"""),
            "/api/show" => (HttpStatusCode.OK, """{"capabilities":["completion","vision"]}"""),
            _ => (HttpStatusCode.NotFound, """{"error":"not found"}"""),
        });
        using var client = new ReasoningClient(new ReasoningClientOptions { Provider = Providers.Ollama, Protocol = WireProtocol.OllamaChat, BaseUri = new Uri("http://localhost:11434") },
            new HttpClient(server));

        var models = await client.ListModelsAsync();

        Assert.Equal(["qwen3:8b", "gemma3"], models.Select(m => m.Id));
        Assert.Equal([true, false], models.Select(m => m.SupportsReasoning));
        Assert.Equal(["GET http://localhost:11434/api/tags", "POST http://localhost:11434/api/show", "POST http://localhost:11434/api/show"], server.Requests.Select(r => r.Line));
        Assert.Equal("""{"model":"qwen3:8b"}""", server.Requests[1].Body);
    }

    [Fact]
    public async Task A_rejected_key_is_an_authentication_error_that_names_its_source_and_never_the_key()
    {
        var server = new RoutingHandler(_ => (HttpStatusCode.Unauthorized, "{\"error\":{\"message\":\"Invalid key " + Key + "\",\"type\":\"authentication_error\"}}"));
        using var client = Client(server, Providers.DeepSeek, "https://api.deepseek.com");

        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => client.ListModelsAsync());

        Assert.Equal("environment variable TEST_KEY", error.KeySource);
        Assert.Contains("environment variable TEST_KEY", error.Message);
        Assert.DoesNotContain(Key, error.Message);
        Assert.DoesNotContain(Key, error.ProviderMessage);
        Assert.Equal(401, error.StatusCode);
    }

    [Fact]
    public async Task A_server_without_a_list_is_an_http_error_naming_where_it_looked()
    {
        var server = new RoutingHandler(_ => (HttpStatusCode.NotFound, "<html>no</html>"));
        using var client = Client(server, Providers.DeepSeek, "http://127.0.0.1:9/v1");

        var error = await Assert.ThrowsAsync<HttpStatusException>(() => client.ListModelsAsync());

        Assert.Contains("Nothing lists models at http://127.0.0.1:9/v1/models", error.Message);
        Assert.Equal(ReasonStreamErrorKind.Http, error.Kind);
    }

    [Fact]
    public async Task A_body_that_is_not_a_list_is_a_protocol_error()
    {
        var server = new RoutingHandler(_ => (HttpStatusCode.OK, "models: a, b"));
        using var client = Client(server, Providers.DeepSeek, "https://api.deepseek.com");

        var error = await Assert.ThrowsAsync<StreamProtocolException>(() => client.ListModelsAsync());

        Assert.Contains("is not a model list", error.Message);
    }

    private static ReasoningClient Client(RoutingHandler server, ProviderPreset preset, string baseUrl) =>
        new(new ReasoningClientOptions { Provider = preset, BaseUri = new Uri(baseUrl), ApiKey = Key, ApiKeySource = "environment variable TEST_KEY" }, new HttpClient(server));

    private sealed record SeenRequest(string Line, Dictionary<string, string> Headers, string Body);

    /// <summary>Answers each request from <paramref name="route"/> and keeps what was asked.</summary>
    private sealed class RoutingHandler(Func<RouteRequest, (HttpStatusCode Status, string Body)> route) : HttpMessageHandler
    {
        public List<SeenRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            Requests.Add(new SeenRequest($"{request.Method} {request.RequestUri!.AbsoluteUri}", headers, body));
            var (status, answer) = route(new RouteRequest(request.RequestUri, body));
            return new HttpResponseMessage(status) { Content = new StringContent(answer, Encoding.UTF8, "application/json"), RequestMessage = request };
        }
    }

    private sealed record RouteRequest(Uri? RequestUri, string Body);
}
