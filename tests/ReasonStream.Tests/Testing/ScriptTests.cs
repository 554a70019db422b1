using System.Net;
using System.Text.Json.Nodes;
using ReasonStream.Testing;

namespace ReasonStream.Tests.Testing;

public sealed class ScriptTests
{
    [Fact]
    public async Task Server_listens_on_loopback_with_an_assigned_port()
    {
        await using var server = await ReplayServer.StartAsync();

        Assert.NotEqual(0, server.Port);
        Assert.Equal(new Uri($"http://127.0.0.1:{server.Port}/v1/"), server.BaseUri);
        Assert.Equal(new Uri($"http://127.0.0.1:{server.Port}/v1/chat/completions"), server.ChatCompletionsUri);
    }

    [Fact]
    public async Task Responses_are_served_in_order_then_the_exhausted_script_answers_500()
    {
        await using var server = await ReplayServer.StartAsync(
            ReplayResponse.FromText("first"), ReplayResponse.FromText("second"), ReplayResponse.FromText("third"));
        using var client = new HttpClient();

        var bodies = new List<string>();
        for (var i = 0; i < 3; i++) bodies.Add(await SendAsync(client, server.ChatCompletionsUri));
        using var exhausted = await client.SendAsync(Http.ChatRequest(server.ChatCompletionsUri)).WaitAsync(Http.HangGuard);

        Assert.Equal(["first", "second", "third"], bodies);
        Assert.Equal(HttpStatusCode.InternalServerError, exhausted.StatusCode);
        var error = JsonNode.Parse(await exhausted.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("replay_script_exhausted", (string?)error["type"]);
        Assert.Contains("no more responses", (string?)error["message"]);
        Assert.Equal([0, 1, 2, null], server.Requests.Select(request => request.ScriptIndex));
    }

    [Fact]
    public async Task Repeat_last_option_serves_the_last_response_again()
    {
        var options = new ReplayServerOptions { WhenScriptExhausted = ExhaustedScriptBehavior.RepeatLastResponse };
        await using var server = await ReplayServer.StartAsync([ReplayResponse.FromText("a"), ReplayResponse.FromText("b")], options);
        using var client = new HttpClient();

        var bodies = new List<string>();
        for (var i = 0; i < 4; i++) bodies.Add(await SendAsync(client, server.ChatCompletionsUri));

        Assert.Equal(["a", "b", "b", "b"], bodies);
    }

    [Fact]
    public async Task Responses_enqueued_while_running_are_served_after_the_script()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("scripted"));
        using var client = new HttpClient();

        var first = await SendAsync(client, server.ChatCompletionsUri);
        server.Enqueue(ReplayResponse.FromText("added"));
        var second = await SendAsync(client, server.ChatCompletionsUri);

        Assert.Equal(["scripted", "added"], [first, second]);
    }

    [Theory]
    [InlineData("v1/chat/completions")]
    [InlineData("chat/completions")]
    [InlineData("openai/deployments/x/chat/completions")]
    public async Task Any_path_ending_in_chat_completions_is_served(string path)
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("ok"));
        using var client = new HttpClient();

        var body = await SendAsync(client, new Uri($"http://127.0.0.1:{server.Port}/{path}"));

        Assert.Equal("ok", body);
        Assert.Equal("/" + path, server.Requests.Single().Path);
    }

    [Fact]
    public async Task Other_paths_get_404_json_without_using_up_the_script()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("ok"));
        using var client = new HttpClient();

        using var notFound = await client.PostAsync(new Uri(server.BaseUri, "embeddings"), new StringContent("")).WaitAsync(Http.HangGuard);
        var served = await SendAsync(client, server.ChatCompletionsUri);

        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("application/json", notFound.Content.Headers.ContentType?.MediaType);
        Assert.Equal("not_found", (string?)JsonNode.Parse(await notFound.Content.ReadAsStringAsync())!["error"]!["type"]);
        Assert.Equal("ok", served);
        Assert.Equal([null, 0], server.Requests.Select(request => request.ScriptIndex));
    }

    [Fact]
    public async Task Get_on_chat_completions_gets_405()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("ok"));
        using var client = new HttpClient();

        using var response = await client.GetAsync(server.ChatCompletionsUri).WaitAsync(Http.HangGuard);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Requests_are_recorded_with_method_path_headers_and_body()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("ok"));
        using var client = new HttpClient();
        using var request = Http.ChatRequest(new Uri(server.ChatCompletionsUri + "?api-version=1"), """{"model":"deepseek-reasoner","stream":true}""");
        request.Headers.Authorization = new("Bearer", "sk-test");
        request.Headers.Add("X-Custom", ["one", "two"]);

        using var response = await client.SendAsync(request).WaitAsync(Http.HangGuard);
        var recorded = await server.WaitForRequestAsync(0);

        Assert.Equal(0, recorded.Index);
        Assert.Equal("POST", recorded.Method);
        Assert.Equal("/v1/chat/completions", recorded.Path);
        Assert.Equal("?api-version=1", recorded.QueryString);
        Assert.Equal("Bearer sk-test", recorded.Header("authorization"));
        Assert.Equal("Bearer sk-test", recorded.Headers["Authorization"]);
        Assert.Equal("one, two", recorded.Header("X-Custom"));
        Assert.StartsWith("application/json", recorded.Header("Content-Type"));
        Assert.Null(recorded.Header("X-Not-Sent"));
        Assert.Equal("""{"model":"deepseek-reasoner","stream":true}""", recorded.Body);
        Assert.Equal("deepseek-reasoner", (string?)recorded.BodyAsJson()!["model"]);
    }

    [Fact]
    public async Task Wait_for_request_completes_when_the_request_arrives()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("a"), ReplayResponse.FromText("b"));
        using var client = new HttpClient();

        var second = server.WaitForRequestAsync(1);
        await SendAsync(client, server.ChatCompletionsUri);
        Assert.False(second.IsCompleted);
        await SendAsync(client, server.ChatCompletionsUri);

        Assert.Equal(1, (await second).Index);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Wait_for_request_is_hang_guarded_and_fails_on_disposal()
    {
        var server = await ReplayServer.StartAsync([], new ReplayServerOptions { WaitTimeout = TimeSpan.FromMilliseconds(50) });
        await Assert.ThrowsAsync<TimeoutException>(() => server.WaitForRequestAsync(0));

        var patient = await ReplayServer.StartAsync([]);
        var pending = patient.WaitForRequestAsync(0);
        await patient.DisposeAsync();
        await server.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => pending.WaitAsync(Http.HangGuard));
    }

    private static async Task<string> SendAsync(HttpClient client, Uri uri)
    {
        using var response = await client.SendAsync(Http.ChatRequest(uri)).WaitAsync(Http.HangGuard);
        return await response.Content.ReadAsStringAsync();
    }
}
