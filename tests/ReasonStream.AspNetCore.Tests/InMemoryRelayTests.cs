using System.Net;
using System.Net.ServerSentEvents;
using ReasonStream.AspNetCore.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.AspNetCore.Tests;

/// <summary>The relay with its default store (one process), against the replay server over real HTTP.</summary>
public sealed class InMemoryRelayTests
{
    [Fact]
    public async Task A_connection_killed_mid_reasoning_resumes_with_Last_Event_ID_and_the_texts_equal_the_upstream_byte_for_byte()
    {
        var upstream = Upstream.Generate(reasoningPieces: 80, answerPieces: 40);
        await using var server = await ReplayServer.StartAsync(upstream.Response(TimeSpan.FromMilliseconds(3)));
        await using var host = await RelayHost.StartAsync(server.BaseUri);
        var id = await host.StartStreamAsync();

        var first = await host.FollowAsync(id);
        await first.ReadUntilAsync(e => first.Received.Count(r => r.EventType == "reasoning") == 5);
        var lastSeen = first.Received[^1].EventId!;
        await first.DisposeAsync(); // the phone drops the connection mid-reasoning

        await using var second = await host.FollowAsync(id, lastEventId: lastSeen);
        await second.ReadToEndAsync();

        List<SseItem<string>> all = [.. first.Received, .. second.Received];
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => i.ToString()), all.Select(e => e.EventId));
        Assert.Equal(upstream.Reasoning, RelayEvents.Text(all, "reasoning"));
        Assert.Equal(upstream.Answer, RelayEvents.Text(all, "answer"));
        Assert.Equal("finish", all[^1].EventType);
        Assert.Equal("stop", RelayEvents.Data(all[^1]).GetProperty("finish_reason").GetString());
        var usage = RelayEvents.Data(Assert.Single(all, e => e.EventType == "usage"));
        Assert.Equal(15, usage.GetProperty("reasoning_tokens").GetInt32());
    }

    [Fact]
    public async Task Several_followers_of_one_stream_each_receive_every_event_exactly_once()
    {
        var upstream = Upstream.Generate(30, 20);
        await using var server = await ReplayServer.StartAsync(upstream.Response(TimeSpan.FromMilliseconds(2)));
        await using var host = await RelayHost.StartAsync(server.BaseUri);
        var id = await host.StartStreamAsync();

        var followers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.FollowAsync(id)));
        await Task.WhenAll(followers.Select(f => f.ReadToEndAsync()));

        foreach (var follower in followers)
        {
            Assert.Equal(upstream.Reasoning, RelayEvents.Text(follower.Received, "reasoning"));
            Assert.Equal(upstream.Answer, RelayEvents.Text(follower.Received, "answer"));
            Assert.Equal(follower.Received.Count, follower.Received.Select(e => e.EventId).Distinct().Count());
            await follower.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_finished_stream_replays_from_any_position_and_answers_204_when_nothing_is_left()
    {
        var upstream = Upstream.Generate(10, 10);
        await using var server = await ReplayServer.StartAsync(upstream.Response());
        await using var host = await RelayHost.StartAsync(server.BaseUri);
        var id = await host.StartStreamAsync();
        await host.WaitForEndAsync(id);

        await using var whole = await host.FollowAsync(id);
        await whole.ReadToEndAsync();
        var count = whole.Received.Count;

        await using var tail = await host.FollowAsync(id, query: "?after=" + (count - 3));
        await tail.ReadToEndAsync();
        Assert.Equal(whole.Received.TakeLast(3).Select(e => e.EventId), tail.Received.Select(e => e.EventId));

        await using var nothing = await host.FollowAsync(id, lastEventId: count.ToString());
        Assert.Equal(HttpStatusCode.NoContent, nothing.Response.StatusCode);
    }

    [Fact]
    public async Task Last_Event_ID_wins_over_the_position_in_the_URL_because_EventSource_repeats_the_URL_on_reconnect()
    {
        var upstream = Upstream.Generate(10, 5);
        await using var server = await ReplayServer.StartAsync(upstream.Response());
        await using var host = await RelayHost.StartAsync(server.BaseUri);
        var id = await host.StartStreamAsync();
        await host.WaitForEndAsync(id);

        await using var whole = await host.FollowAsync(id);
        await whole.ReadToEndAsync();
        var count = whole.Received.Count; // pieces that piled up behind a store write were joined, so count them

        await using var resumed = await host.FollowAsync(id, lastEventId: (count - 1).ToString(), query: "?after=0");
        await resumed.ReadToEndAsync();

        Assert.Equal(count.ToString(), Assert.Single(resumed.Received).EventId);
    }

    [Fact]
    public async Task Unknown_streams_are_404_and_malformed_positions_are_400()
    {
        await using var host = await RelayHost.StartAsync(upstream: null);

        using var unknown = await host.Http.GetAsync("/relay/AAAAAAAAAAAAAAAAAAAAAA/events");
        using var malformedId = await host.Http.GetAsync("/relay/not%20an%20id/events");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/relay/AAAAAAAAAAAAAAAAAAAAAA/events");
        request.Headers.Add("Last-Event-ID", "-1");
        using var badPosition = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("retention", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, malformedId.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPosition.StatusCode);
    }

    [Fact]
    public async Task The_stop_button_cancels_the_upstream_request_and_ends_the_stream_with_a_canceled_error()
    {
        var upstream = Upstream.Generate(20, 5);
        var response = upstream.Response();
        await using var server = await ReplayServer.StartAsync(response with { StallAfterBytes = response.Body.Length / 3 });
        await using var host = await RelayHost.StartAsync(server.BaseUri);
        var id = await host.StartStreamAsync();
        await using var follower = await host.FollowAsync(id);
        await follower.ReadUntilAsync(e => e.EventType == "reasoning");

        using var stop = await host.Http.PostAsync($"/relay/{id}/cancel", null);
        await follower.ReadToEndAsync();

        Assert.Equal(HttpStatusCode.Accepted, stop.StatusCode);
        var last = follower.Received[^1];
        Assert.Equal("error", last.EventType);
        Assert.Equal("canceled", RelayEvents.Data(last).GetProperty("kind").GetString());
        Assert.Equal(ResponseOutcome.ClientDisconnected, await (await server.WaitForRequestAsync(0)).Outcome.WaitAsync(TimeSpan.FromSeconds(30)));

        using var again = await host.Http.PostAsync($"/relay/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task An_endpoint_that_cancels_on_disconnect_stops_the_upstream_when_the_last_browser_leaves()
    {
        var upstream = Upstream.Generate(20, 5);
        var response = upstream.Response();
        await using var server = await ReplayServer.StartAsync(response with { StallAfterBytes = response.Body.Length / 3 });
        await using var host = await RelayHost.StartAsync(server.BaseUri, endpoint: e =>
        {
            e.CancelOnDisconnect = true;
            e.DisconnectGracePeriod = TimeSpan.FromMilliseconds(300);
        });
        var id = await host.StartStreamAsync();
        var follower = await host.FollowAsync(id);
        await follower.ReadUntilAsync(e => e.EventType == "reasoning");

        await follower.DisposeAsync();

        Assert.Equal(ResponseOutcome.ClientDisconnected, await (await server.WaitForRequestAsync(0)).Outcome.WaitAsync(TimeSpan.FromSeconds(30)));
        await host.WaitForEndAsync(id);
        await using var late = await host.FollowAsync(id);
        await late.ReadToEndAsync();
        Assert.Equal("abandoned", RelayEvents.Data(late.Received[^1]).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task An_endpoint_that_runs_to_completion_finishes_the_generation_after_the_browser_left()
    {
        var upstream = Upstream.Generate(40, 20);
        await using var server = await ReplayServer.StartAsync(upstream.Response(TimeSpan.FromMilliseconds(2)));
        await using var host = await RelayHost.StartAsync(server.BaseUri);
        var id = await host.StartStreamAsync();
        var follower = await host.FollowAsync(id);
        await follower.ReadUntilAsync(e => e.EventType == "reasoning");

        await follower.DisposeAsync();

        Assert.Equal(ResponseOutcome.Completed, await (await server.WaitForRequestAsync(0)).Outcome.WaitAsync(TimeSpan.FromSeconds(30)));
        await host.WaitForEndAsync(id);
        await using var later = await host.FollowAsync(id);
        await later.ReadToEndAsync();
        Assert.Equal(upstream.Answer, RelayEvents.Text(later.Received, "answer"));
    }

    [Fact]
    public async Task Upstream_failures_end_the_stream_with_an_error_event_after_what_arrived()
    {
        var upstream = Upstream.Generate(10, 10);
        var response = upstream.Response();
        await using var server = await ReplayServer.StartAsync(
            response with { AbortAfterBytes = response.Body.Length / 2 },
            ReplayResponse.Error(503, """{"error":{"message":"Server overloaded"}}"""));
        await using var host = await RelayHost.StartAsync(server.BaseUri);

        var interrupted = await host.StartStreamAsync();
        await using var first = await host.FollowAsync(interrupted);
        await first.ReadToEndAsync();
        var overloaded = await host.StartStreamAsync();
        await using var second = await host.FollowAsync(overloaded);
        await second.ReadToEndAsync();

        Assert.StartsWith(RelayEvents.Text(first.Received, "reasoning"), upstream.Reasoning);
        Assert.NotEmpty(RelayEvents.Text(first.Received, "reasoning"));
        Assert.Equal("interrupted", RelayEvents.Data(first.Received[^1]).GetProperty("kind").GetString());
        var error = RelayEvents.Data(Assert.Single(second.Received));
        Assert.Equal("server_error", error.GetProperty("kind").GetString());
        Assert.Contains("Server overloaded", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Update_kinds_the_relay_does_not_send_are_skipped_including_kinds_it_has_never_heard_of()
    {
        static async IAsyncEnumerable<StreamUpdate> Updates()
        {
            yield return new ResponseStarted(200, "req-1");
            yield return new StreamMetadata("resp-1", "test-model", null);
            yield return new RawChunk("message", "{}");
            yield return new FutureUpdate("signature");
            yield return new ReasoningDetailsDelta("[]");
            yield return new ReasoningDelta("think");
            yield return new ReasoningBlockEnd(WireProtocol.AnthropicMessages) { Signature = "sig" };
            yield return new ToolCallDelta(0, "call_1", "get_weather", "{\"city\":");
            yield return new ToolCallDelta(0, null, null, "\"Paris\"}");
            yield return new StreamFinished(FinishReasons.ToolCalls);
            await Task.CompletedTask;
        }

        await using var host = await RelayHost.StartAsync(upstream: null, start: _ => ValueTask.FromResult(new RelayRequest(_ => Updates(), "q")));
        var id = await host.StartStreamAsync();
        await using var follower = await host.FollowAsync(id);
        await follower.ReadToEndAsync();

        Assert.Equal(["reasoning", "tool_call", "tool_call", "finish"], follower.Received.Select(e => e.EventType));
        var call = RelayEvents.Data(follower.Received[1]);
        Assert.Equal(("call_1", "get_weather", "{\"city\":"), (call.GetProperty("id").GetString(), call.GetProperty("name").GetString(), call.GetProperty("arguments").GetString()));
        Assert.Equal("tool_calls", RelayEvents.Data(follower.Received[^1]).GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task A_start_that_fails_before_its_stream_runs_leaves_nothing_behind()
    {
        // No ReasoningClient is registered, so a RelayRequest built from a ChatRequest cannot be sent.
        await using var host = await RelayHost.StartAsync(upstream: null);

        for (var i = 0; i < 3; i++)
        {
            using var response = await host.Http.PostAsync("/relay", new System.Net.Http.StringContent("{\"question\":\"q\"}", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        }

        Assert.Equal(0, ((InMemoryRelayStore)host.Store).Count);
        Assert.Equal(0, host.Runner.RunningCount);
    }

    [Fact]
    public async Task Stopping_the_instance_ends_its_running_streams_with_producer_lost_and_its_followers_receive_it()
    {
        var gate = System.Threading.Channels.Channel.CreateUnbounded<StreamUpdate>();
        var host = await RelayHost.StartAsync(upstream: null, start: _ => ValueTask.FromResult(new RelayRequest(t => gate.Reader.ReadAllAsync(t), "q")),
            configure: RelayHost.WaitLongOnShutdown);
        var id = await host.StartStreamAsync();
        await using var follower = await host.FollowAsync(id);
        gate.Writer.TryWrite(new ReasoningDelta("thinking"));
        await follower.NextAsync();

        var stopping = host.App.StopAsync();
        await follower.ReadToEndAsync();
        await stopping;
        await host.DisposeAsync();

        Assert.Equal(["reasoning", "error"], follower.Received.Select(e => e.EventType));
        Assert.Equal("producer_lost", RelayEvents.Data(follower.Received[^1]).GetProperty("kind").GetString());
    }

    private sealed record FutureUpdate(string Signature) : StreamUpdate;
}
