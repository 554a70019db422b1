using System.Text.Json;
using ReasonStream.Testing;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Integration;

/// <summary>Streaming behaviour over a real socket: liveness, retries, what is sent, the sync API, real captures.</summary>
public sealed class StreamingOverHttpTests
{
    [Fact]
    public async Task Keep_alive_comments_before_the_first_chunk_are_waited_through()
    {
        await using var server = await ReplayServer.StartAsync(Replay.DeepSeekStream() with
        {
            DelayBeforeBody = TimeSpan.FromMilliseconds(300),
            KeepAliveInterval = TimeSpan.FromMilliseconds(30),
        });
        using var client = Replay.Client(server, o => o.FirstTokenTimeout = TimeSpan.FromSeconds(20));
        var result = await client.StreamAsync(Updates.Ask()).ToResultAsync();
        Assert.Equal("First, think.", result.Reasoning);
        Assert.Equal("Then answer.", result.Answer);
        Assert.Equal(3, result.Usage?.ReasoningTokens);
        Assert.NotNull(result.Timings.TimeToFirstByte);
        Assert.True(result.Timings.TimeToFirstReasoning >= result.Timings.TimeToFirstByte);
        Assert.True(result.Timings.TimeToFirstAnswer >= result.Timings.TimeToFirstReasoning);
    }

    [Fact]
    public async Task Retries_before_the_response_never_duplicate_output()
    {
        var overloaded = ReplayResponse.Error(503, "{\"error\":{\"message\":\"Server Overloaded\"}}");
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FailFirst(2, overloaded, Replay.DeepSeekStream()));
        using var client = Replay.Client(server);
        var updates = await client.CollectAsync();
        Assert.Equal(3, server.Requests.Count);
        Assert.Single(updates.OfType<ResponseStarted>());
        Assert.Equal(["R:First, think.", "A:Then answer.", "U:" + updates.OfType<UsageUpdate>().Single().Usage, "F:stop"], Updates.Normalized(updates));
        Assert.All(server.Requests, r => Assert.Equal(server.Requests[0].Body, r.Body));
    }

    [Fact]
    public async Task Retry_after_is_waited_before_the_next_attempt()
    {
        var limited = ReplayResponse.Error(429, "{\"error\":{\"message\":\"slow down\"}}").WithHeader("Retry-After", "1");
        await using var server = await ReplayServer.StartAsync(limited, Replay.DeepSeekStream());
        using var client = Replay.Client(server, o => o.Retry = new RetryPolicy { MaxRetries = 1, MaxDelay = TimeSpan.FromSeconds(5) });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = await client.StreamAsync(Updates.Ask()).ToResultAsync();
        Assert.Equal("Then answer.", result.Answer);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(950), "the server asked for one second");
    }

    [Fact]
    public async Task The_request_body_and_headers_are_what_the_provider_expects()
    {
        await using var server = await ReplayServer.StartAsync(Replay.DeepSeekStream());
        using var client = Replay.Client(server);
        await client.StreamAsync(new ChatRequest("deepseek-flash", [Message.User("Hi")]) { Thinking = true, ReasoningEffort = "high" }).ToResultAsync();
        var request = server.Requests[0];
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer " + Replay.Key, request.Header("Authorization"));
        Assert.Contains("text/event-stream", request.Header("Accept"), StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body);
        Assert.True(body.RootElement.GetProperty("stream").GetBoolean());
        Assert.Equal("enabled", body.RootElement.GetProperty("thinking").GetProperty("type").GetString());
        Assert.Equal("high", body.RootElement.GetProperty("reasoning_effort").GetString());
    }

    [Fact]
    public async Task The_synchronous_api_yields_updates_before_the_server_has_sent_the_rest()
    {
        var stream = Replay.DeepSeekStream();
        // The server sends the opening and two events and then holds the connection: a sync API that waited for the end would hang.
        await using var server = await ReplayServer.StartAsync(stream with { StallAfterBytes = Replay.AfterEvent(stream, 3) });
        using var client = Replay.Client(server);
        var first = await Task.Run(() =>
        {
            foreach (var update in client.Stream(Updates.Ask()))
            {
                if (update is ReasoningDelta r) return r.Text; // leaving the loop disposes the stream
            }

            return null;
        }).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("First, ", first);
        Assert.Equal(ResponseOutcome.ClientDisconnected, await server.Requests[0].Outcome.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task The_async_api_yields_each_delta_as_its_event_arrives()
    {
        var stream = Replay.DeepSeekStream();
        await using var server = await ReplayServer.StartAsync(stream with { StallAfterBytes = Replay.AfterEvent(stream, 4) });
        using var client = Replay.Client(server);
        var seen = new List<string>();
        await foreach (var update in client.StreamAsync(Updates.Ask()).WithCancellation(default))
        {
            if (update is ReasoningDelta or AnswerDelta) seen.Add(update is ReasoningDelta r ? r.Text : ((AnswerDelta)update).Text);
            if (seen.Count == 3) break; // the third event's delta arrived while the server is still holding the stream
        }

        Assert.Equal(["First, ", "think.", "Then "], seen);
    }

    [Fact]
    public async Task Paced_stream_with_recorded_timing_arrives_intact()
    {
        await using var server = await ReplayServer.StartAsync(Replay.DeepSeekStream() with { Pacing = ReplayPacing.DelayBetweenEvents(TimeSpan.FromMilliseconds(15)), WriteSplit = WriteSplit.EveryBytes(7) });
        using var client = Replay.Client(server);
        var result = await client.StreamAsync(Updates.Ask()).ToResultAsync();
        Assert.Equal("Then answer.", result.Answer);
        Assert.True(result.Timings.ReasoningDuration > TimeSpan.Zero);
    }

    public static TheoryData<string> SseCaptures()
    {
        var data = new TheoryData<string>();
        foreach (var name in Captures.Names("*.sse", "*.chunks.jsonl")) data.Add(name);
        return data;
    }

    [CapturesTheory]
    [MemberData(nameof(SseCaptures))]
    public async Task Real_captures_over_http_with_random_write_splits_give_the_in_memory_updates(string name)
    {
        byte[] body = Captures.Body(name);
        async Task<List<string>> Run(ReasoningClient client)
        {
            var updates = new List<StreamUpdate>();
            try
            {
                await foreach (var update in client.StreamAsync(Updates.Ask())) updates.Add(update);
            }
            catch (ReasonStreamException ex)
            {
                return [.. Updates.Normalized(updates), "E:" + ex.GetType().Name];
            }

            return Updates.Normalized(updates);
        }

        using var memory = InMemoryHandler.Client(body);
        var expected = await Run(memory);
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromBytes(body) with { WriteSplit = WriteSplit.Random(name.Length, 97) });
        using var client = Replay.Client(server);
        Assert.Equal(expected, await Run(client));
    }
}
