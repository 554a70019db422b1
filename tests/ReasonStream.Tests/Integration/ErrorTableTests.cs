using ReasonStream.Testing;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Integration;

/// <summary>Every row of the design's error table, over real HTTP against the replay server.</summary>
public sealed class ErrorTableTests
{
    private static async Task<T> Fails<T>(ReplayServer server, Action<ReasoningClientOptions>? configure = null, ChatRequest? request = null)
        where T : Exception
    {
        using var client = Replay.Client(server, configure);
        var error = await Assert.ThrowsAsync<T>(() => client.StreamAsync(request ?? Updates.Ask()).ToResultAsync().WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.DoesNotContain(Replay.Key, error.Message, StringComparison.Ordinal);
        return error;
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task Rejected_key_names_where_it_came_from_and_never_shows_it(int status)
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.Error(status,
            "{\"error\":{\"message\":\"Authentication Fails, Your api key: " + Replay.Key + " is invalid\",\"type\":\"authentication_error\",\"code\":\"invalid_request_error\"}}"));
        var error = await Fails<AuthenticationFailedException>(server);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal("environment variable " + Replay.KeyVariable, error.KeySource);
        Assert.Contains(Replay.KeyVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains("***", error.ProviderMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(Replay.Key, error.ProviderMessage, StringComparison.Ordinal);
        Assert.Equal("Bearer " + Replay.Key, server.Requests[0].Header("Authorization"));
        Assert.Single(server.Requests); // not retried
    }

    [Fact]
    public async Task Missing_key_says_none_was_sent()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.Error(401, "{\"error\":{\"message\":\"Missing bearer token\"}}"));
        var error = await Fails<AuthenticationFailedException>(server, o => o.ApiKey = null);
        Assert.Contains("none was sent", error.Message, StringComparison.Ordinal);
        Assert.Null(server.Requests[0].Header("Authorization"));
    }

    [Fact]
    public async Task Insufficient_balance()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.Error(402, "{\"error\":{\"message\":\"Insufficient Balance\",\"type\":\"unknown_error\"}}"));
        var error = await Fails<InsufficientBalanceException>(server);
        Assert.Equal("Insufficient Balance", error.ProviderMessage);
    }

    [Fact]
    public async Task Unknown_model_404_names_the_model_sent()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.Error(404, "{\"error\":{\"message\":\"The model `gpt-9` does not exist or you do not have access to it.\",\"code\":\"model_not_found\"}}"));
        var error = await Fails<UnknownModelException>(server, request: Updates.Ask(model: "gpt-9"));
        Assert.Equal("gpt-9", error.Model);
        Assert.Contains("'gpt-9'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retired_deepseek_model_gets_its_replacement()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.Error(400, "{\"error\":{\"message\":\"Model Not Exist\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_request_error\"}}"));
        var error = await Fails<UnknownModelException>(server, request: Updates.Ask(model: "deepseek-reasoner"));
        Assert.Equal("deepseek-flash", error.Replacement);
        Assert.Contains("use 'deepseek-flash'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, "The `reasoning_content` in the thinking mode must be passed back to the API.")]
    [InlineData(422, "temperature must be between 0 and 2")]
    public async Task Invalid_request_carries_the_servers_own_message(int status, string message)
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.Error(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_request_error\"}}"));
        var error = await Fails<InvalidRequestException>(server);
        Assert.Equal(message, error.ProviderMessage);
        Assert.Equal("invalid_request_error", error.ProviderCode);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_limit_is_retried_with_retry_after_then_reported()
    {
        var limited = ReplayResponse.Error(429, "{\"error\":{\"message\":\"Rate Limit Reached\"}}").WithHeader("Retry-After", "0");
        await using var server = await ReplayServer.StartAsync(limited, limited, limited);
        var error = await Fails<RateLimitedException>(server);
        Assert.Equal(TimeSpan.Zero, error.RetryAfter);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, server.Requests.Count);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Server_errors_are_retried_then_reported(int status)
    {
        var failure = ReplayResponse.Error(status, "{\"error\":{\"message\":\"Server Overloaded\"}}");
        await using var server = await ReplayServer.StartAsync(failure, failure, failure);
        var error = await Fails<ServerErrorException>(server);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Html_error_page_from_a_proxy_shows_status_and_first_bytes()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.Error(502,
            "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center></body></html>", "text/html"));
        var error = await Fails<ServerErrorException>(server, o => o.Retry = RetryPolicy.None);
        Assert.Contains("HTTP 502", error.Message, StringComparison.Ordinal);
        Assert.Contains("<html> <head><title>502 Bad Gateway</title>", error.Message, StringComparison.Ordinal);
        Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_server_is_a_connection_failure()
    {
        int port;
        await using (var closed = await ReplayServer.StartAsync())
        {
            port = closed.Port;
        }

        var options = new ReasoningClientOptions { BaseUri = new Uri($"http://127.0.0.1:{port}/v1/"), Retry = RetryPolicy.None };
        using var client = new ReasoningClient(options);
        var error = await Assert.ThrowsAsync<ConnectionFailedException>(() => client.StreamAsync(Updates.Ask()).ToResultAsync());
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(error.Message, "Connection refused"));
    }

    [Fact]
    public async Task Connection_dropped_mid_stream_keeps_the_partial_output()
    {
        var stream = Replay.DeepSeekStream();
        await using var server = await ReplayServer.StartAsync(stream with { AbortAfterBytes = Replay.AfterEvent(stream, 4) + 10 });
        var error = await Fails<StreamInterruptedException>(server);
        Assert.Equal("First, think.", error.PartialResult?.Reasoning);
        Assert.Equal("Then ", error.PartialResult?.Answer);
        Assert.Single(server.Requests); // never retried once accepted: output is not duplicated
    }

    [Fact]
    public async Task No_first_token_within_the_timeout_though_keep_alives_arrive()
    {
        var stream = Replay.DeepSeekStream() with { DelayBeforeBody = TimeSpan.FromSeconds(30), KeepAliveInterval = TimeSpan.FromMilliseconds(40) };
        await using var server = await ReplayServer.StartAsync(stream);
        // Long enough for keep-alives to arrive on a loaded machine (seen failing at 400 ms under a parallel build): the
        // message depends on whether any bytes came.
        var error = await Fails<FirstTokenTimeoutException>(server, o => o.FirstTokenTimeout = TimeSpan.FromMilliseconds(1500));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), error.Timeout);
        Assert.Contains("keep-alive comments and empty events do not count", error.Message, StringComparison.Ordinal);
        Assert.Contains("the connection stayed open", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_response_headers_within_the_first_token_timeout()
    {
        await using var server = await ReplayServer.StartAsync(Replay.DeepSeekStream() with { DelayBeforeHeaders = TimeSpan.FromMinutes(5) });
        var error = await Fails<FirstTokenTimeoutException>(server, o => o.FirstTokenTimeout = TimeSpan.FromMilliseconds(300));
        Assert.Contains("no bytes arrived at all", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stalled_stream_is_noticed_though_keep_alives_continue_and_keeps_the_partial_output()
    {
        var stream = Replay.DeepSeekStream();
        await using var server = await ReplayServer.StartAsync(stream with { StallAfterBytes = Replay.AfterEvent(stream, 3), KeepAliveInterval = TimeSpan.FromMilliseconds(40) });
        var error = await Fails<StreamStalledException>(server, o => o.StallTimeout = TimeSpan.FromMilliseconds(1500)); // as above
        Assert.Equal("First, think.", error.PartialResult?.Reasoning);
        Assert.Contains("keep-alive comments and empty events do not count", error.Message, StringComparison.Ordinal);
        Assert.Contains("the connection stayed open", error.Message, StringComparison.Ordinal);
        Assert.Equal(ResponseOutcome.ClientDisconnected, await server.Requests[0].Outcome.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Error_event_inside_the_stream_keeps_the_partial_output()
    {
        var stream = Replay.DeepSeekStream().InjectAfterEvents(4, "data: {\"error\":{\"message\":\"upstream exploded\",\"code\":502}}\n\n", dropRest: true);
        await using var server = await ReplayServer.StartAsync(stream);
        var error = await Fails<ProviderStreamException>(server);
        Assert.Equal("upstream exploded", error.ProviderMessage);
        Assert.Equal("Then ", error.PartialResult?.Answer);
    }

    [Fact]
    public async Task Malformed_chunk_is_a_protocol_error_naming_the_bytes()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText(Sse.Unfinished(Sse.DeepSeek().Reasoning("ok")) + Sse.Events("{not json") + Sse.Done));
        var error = await Fails<StreamProtocolException>(server);
        Assert.Equal("{not json", error.OffendingBytes);
        Assert.Equal("ok", error.PartialResult?.Reasoning);
    }

    [Fact]
    public async Task Length_finish_is_a_truncated_result_not_an_error()
    {
        await using var server = await ReplayServer.StartAsync(Replay.DeepSeekStream(finish: "length"));
        using var client = Replay.Client(server);
        var result = await client.StreamAsync(Updates.Ask()).ToResultAsync();
        Assert.True(result.IsTruncated);
        Assert.False(result.ReasoningExhaustedBudget);
        Assert.Equal("Then answer.", result.Answer);
    }

    [Fact]
    public async Task Caller_cancelling_mid_stream_closes_the_connection_promptly_and_keeps_the_partial_output()
    {
        var stream = Replay.DeepSeekStream();
        await using var server = await ReplayServer.StartAsync(stream with { StallAfterBytes = Replay.AfterEvent(stream, 4) });
        using var client = Replay.Client(server);
        using var cancel = new CancellationTokenSource();
        var seen = new ChatAccumulator();
        var error = await Assert.ThrowsAsync<StreamCanceledException>(async () =>
        {
            await foreach (var update in client.StreamAsync(Updates.Ask(), cancel.Token))
            {
                seen.Add(update);
                if (update is AnswerDelta) cancel.Cancel(); // the server is now stalled: only our cancel can end the read
            }
        }).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("Then ", error.PartialResult?.Answer);
        Assert.Equal("First, think.", seen.ToResult().Reasoning);
        Assert.Equal(ResponseOutcome.ClientDisconnected, await server.Requests[0].Outcome.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
