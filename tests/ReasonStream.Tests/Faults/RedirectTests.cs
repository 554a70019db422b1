using System.Net;
using ReasonStream.Testing;
using ReasonStream.Tests.Integration;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Faults;

/// <summary>
/// Redirects: followed with the request and its credentials on the same origin; never followed to another origin,
/// which would hand the key to another server (or, without it, blame the key for the other server's 401).
/// </summary>
public sealed class RedirectTests
{
    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_same_origin_redirect_is_followed_with_the_request_and_its_credentials(int status)
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.Redirect(status, "/v2/chat/completions"), Replay.DeepSeekStream());
        using var client = Replay.Client(server);

        var result = await client.StreamAsync(Updates.Ask()).ToResultAsync();

        Assert.Equal("Then answer.", result.Answer);
        Assert.Equal(2, server.Requests.Count);
        var followed = server.Requests[1];
        Assert.Equal("/v2/chat/completions", followed.Path);
        Assert.Equal("POST", followed.Method);
        Assert.Equal("Bearer " + Replay.Key, followed.Header("Authorization"));
        Assert.Equal(server.Requests[0].Body, followed.Body);
    }

    [Fact]
    public async Task A_cross_origin_redirect_is_not_followed_and_the_error_names_it()
    {
        await using var other = await ReplayServer.StartAsync(Replay.DeepSeekStream());
        var elsewhere = new UriBuilder(other.ChatCompletionsUri) { UserName = "user", Password = "hunter2" }.Uri;
        await using var server = await ReplayServer.StartAsync(ReplayResponse.Redirect(307, elsewhere.AbsoluteUri));
        using var client = Replay.Client(server, o => o.Retry = RetryPolicy.None);

        var error = await Assert.ThrowsAsync<HttpStatusException>(() => client.StreamAsync(Updates.Ask()).ToResultAsync());

        Assert.Empty(other.Requests); // the key never went to the other server
        Assert.Equal(307, error.StatusCode);
        Assert.Contains("redirect", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"127.0.0.1:{other.Port}/v1/chat/completions", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_loop_ends_with_an_error_naming_it()
    {
        var loop = ReplayResponse.Redirect(307, "/v1/chat/completions");
        await using var server = await ReplayServer.StartAsync([loop], new ReplayServerOptions { WhenScriptExhausted = ExhaustedScriptBehavior.RepeatLastResponse });
        using var client = Replay.Client(server, o => o.Retry = RetryPolicy.None);

        var error = await Assert.ThrowsAsync<HttpStatusException>(() => client.StreamAsync(Updates.Ask()).ToResultAsync().WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains("redirect", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(server.Requests.Count, 2, 11);
    }

    [Fact]
    public async Task A_401_after_a_followed_redirect_names_the_redirect()
    {
        await using var server = await ReplayServer.StartAsync(
            ReplayResponse.Redirect(308, "/elsewhere/chat/completions"),
            ReplayResponse.Error(401, "{\"error\":{\"message\":\"no\"}}"));
        using var client = Replay.Client(server);

        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => client.StreamAsync(Updates.Ask()).ToResultAsync());

        Assert.Contains("redirected", error.Message, StringComparison.Ordinal);
        Assert.Contains("/elsewhere/chat/completions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_supplied_handler_that_follows_redirects_itself_is_named_when_the_key_is_then_rejected()
    {
        await using var other = await ReplayServer.StartAsync(ReplayResponse.Error(401, "{\"error\":{\"message\":\"Missing bearer token\"}}"));
        await using var server = await ReplayServer.StartAsync(ReplayResponse.Redirect(307, other.ChatCompletionsUri.AbsoluteUri));
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = true });
        var options = new ReasoningClientOptions { BaseUri = server.BaseUri, ApiKey = Replay.Key, ApiKeySource = "environment variable " + Replay.KeyVariable, Retry = RetryPolicy.None };
        using var client = new ReasoningClient(options, http);

        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => client.StreamAsync(Updates.Ask()).ToResultAsync());

        Assert.Null(other.Requests.Single().Header("Authorization")); // .NET's own redirect handling drops it
        Assert.Contains("redirected", error.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{other.Port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_handler_leaves_redirects_to_the_client()
    {
        using var handler = (SocketsHttpHandler)ReasoningClient.CreateDefaultHandler(new ReasoningClientOptions());

        Assert.False(handler.AllowAutoRedirect);
        Assert.Equal(DecompressionMethods.None, handler.AutomaticDecompression);
    }
}
