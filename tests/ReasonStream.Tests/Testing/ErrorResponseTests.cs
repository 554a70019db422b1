using System.Net;
using ReasonStream.Testing;

namespace ReasonStream.Tests.Testing;

public sealed class ErrorResponseTests
{
    private const string RateLimitJson = """{"error":{"message":"Rate limit reached","type":"rate_limit_error"}}""";

    [Fact]
    public async Task Json_error_has_status_body_content_type_length_and_retry_after()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.Error(429, RateLimitJson).WithHeader("Retry-After", "2"));
        using var client = new HttpClient();

        using var response = await client.SendAsync(Http.ChatRequest(server.ChatCompletionsUri)).WaitAsync(Http.HangGuard);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(RateLimitJson.Length, response.Content.Headers.ContentLength);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Equal(RateLimitJson, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Html_error_body_is_served_as_html()
    {
        const string html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        await using var server = await ReplayServer.StartAsync(ReplayResponse.Error(502, html, "text/html"));
        using var client = new HttpClient();

        using var response = await client.SendAsync(Http.ChatRequest(server.ChatCompletionsUri)).WaitAsync(Http.HangGuard);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(html, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Status_content_type_and_headers_are_settable_on_any_response()
    {
        var custom = ReplayResponse.FromChunks("{}") with { StatusCode = 203, ContentType = "text/plain" };
        await using var server = await ReplayServer.StartAsync(custom.WithHeader("X-Request-Id", "abc"));
        using var client = new HttpClient();

        using var response = await Http.PostAsync(client, server.ChatCompletionsUri);

        Assert.Equal(203, (int)response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["abc"], response.Headers.GetValues("X-Request-Id"));
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Null(response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Fail_first_k_answers_the_failure_k_times_then_the_real_response()
    {
        var script = ReplayResponse.FailFirst(2, ReplayResponse.Error(503, """{"error":{"message":"overloaded"}}"""), ReplayResponse.FromChunks("{}"));
        await using var server = await ReplayServer.StartAsync(script);
        using var client = new HttpClient();

        var statuses = new List<int>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await client.SendAsync(Http.ChatRequest(server.ChatCompletionsUri)).WaitAsync(Http.HangGuard);
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal([503, 503, 200], statuses);
        Assert.Equal([0, 1, 2], server.Requests.Select(request => request.ScriptIndex));
    }
}
