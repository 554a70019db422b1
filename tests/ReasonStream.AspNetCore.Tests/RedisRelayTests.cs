using System.Net;
using System.Net.ServerSentEvents;
using Microsoft.Extensions.DependencyInjection;
using ReasonStream.AspNetCore.Tests.Support;
using ReasonStream.Testing;
using StackExchange.Redis;

namespace ReasonStream.AspNetCore.Tests;

/// <summary>Two application instances in one test run sharing a real redis-server on loopback.</summary>
public sealed class RedisRelayTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private readonly string _prefix = "test:" + Guid.NewGuid().ToString("N")[..8] + ":";

    private Task<RelayHost> StartInstanceAsync(Uri? upstream, Action<ReasoningRelayOptions>? options = null) =>
        RelayHost.StartAsync(upstream, relay => relay.UseRedis(redis.Server!.Configuration, _prefix), options);

    [RedisFact]
    public async Task A_stream_started_on_instance_A_whose_connection_died_mid_reasoning_resumes_on_instance_B_byte_for_byte()
    {
        var upstream = Upstream.Generate(reasoningPieces: 80, answerPieces: 40);
        await using var server = await ReplayServer.StartAsync(upstream.Response(TimeSpan.FromMilliseconds(3)));
        await using var a = await StartInstanceAsync(server.BaseUri);
        await using var b = await StartInstanceAsync(upstream: null);
        var id = await a.StartStreamAsync();

        var onA = await a.FollowAsync(id);
        await onA.ReadUntilAsync(_ => onA.Received.Count(r => r.EventType == "reasoning") == 5);
        var lastSeen = onA.Received[^1].EventId!;
        await onA.DisposeAsync(); // the connection to A dies; the load balancer sends the reconnect to B

        await using var onB = await b.FollowAsync(id, lastEventId: lastSeen);
        await onB.ReadToEndAsync();

        List<SseItem<string>> all = [.. onA.Received, .. onB.Received];
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => i.ToString()), all.Select(e => e.EventId));
        Assert.Equal(upstream.Reasoning, RelayEvents.Text(all, "reasoning"));
        Assert.Equal(upstream.Answer, RelayEvents.Text(all, "answer"));
        Assert.Equal("finish", all[^1].EventType);
        Assert.Single(server.Requests);
    }

    [RedisFact]
    public async Task Followers_on_both_instances_receive_the_same_events_live_once_each()
    {
        var upstream = Upstream.Generate(40, 20);
        await using var server = await ReplayServer.StartAsync(upstream.Response(TimeSpan.FromMilliseconds(2)));
        await using var a = await StartInstanceAsync(server.BaseUri);
        await using var b = await StartInstanceAsync(upstream: null);
        var id = await a.StartStreamAsync();

        var followers = await Task.WhenAll(a.FollowAsync(id), b.FollowAsync(id), b.FollowAsync(id));
        await Task.WhenAll(followers.Select(f => f.ReadToEndAsync()));

        var expected = followers[0].Received.Select(e => (e.EventId, e.EventType, e.Data)).ToList();
        foreach (var follower in followers)
        {
            Assert.Equal(expected, follower.Received.Select(e => (e.EventId, e.EventType, e.Data)));
            await follower.DisposeAsync();
        }

        Assert.Equal(upstream.Reasoning, RelayEvents.Text(followers[2].Received, "reasoning"));
    }

    [RedisFact]
    public async Task The_stop_button_on_instance_B_cancels_the_upstream_request_running_on_instance_A()
    {
        var upstream = Upstream.Generate(20, 5);
        var response = upstream.Response();
        await using var server = await ReplayServer.StartAsync(response with { StallAfterBytes = response.Body.Length / 3 });
        await using var a = await StartInstanceAsync(server.BaseUri);
        await using var b = await StartInstanceAsync(upstream: null);
        var id = await a.StartStreamAsync();
        await using var onB = await b.FollowAsync(id);
        await onB.ReadUntilAsync(e => e.EventType == "reasoning");

        using var stop = await b.Http.PostAsync($"/relay/{id}/cancel", null);
        await onB.ReadToEndAsync();

        Assert.Equal(HttpStatusCode.Accepted, stop.StatusCode);
        Assert.Equal("canceled", RelayEvents.Data(onB.Received[^1]).GetProperty("kind").GetString());
        Assert.Equal(ResponseOutcome.ClientDisconnected, await (await server.WaitForRequestAsync(0)).Outcome.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [RedisFact]
    public async Task A_stream_whose_instance_died_is_ended_with_producer_lost_instead_of_hanging_the_page()
    {
        await using var a = await StartInstanceAsync(upstream: null);
        await using var b = await StartInstanceAsync(upstream: null);
        // A registers a stream and then dies without a word: no producer renews its lease, nothing finishes it.
        var id = RelayRunner.NewStreamId();
        await a.Store.CreateAsync(id, CancellationToken.None);

        await using var onB = await b.FollowAsync(id);
        await onB.ReadToEndAsync();

        var only = Assert.Single(onB.Received);
        Assert.Equal(("1", "error"), (only.EventId, only.EventType));
        Assert.Equal("producer_lost", RelayEvents.Data(only).GetProperty("kind").GetString());
    }

    [RedisFact]
    public async Task A_finished_stream_keeps_its_keys_only_for_the_retention()
    {
        var upstream = Upstream.Generate(5, 5);
        await using var server = await ReplayServer.StartAsync(upstream.Response());
        await using var a = await StartInstanceAsync(server.BaseUri, o => o.Retention = TimeSpan.FromMinutes(2));
        var id = await a.StartStreamAsync();
        await a.WaitForEndAsync(id);

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server!.Configuration);
        var db = connection.GetDatabase();
        var events = await db.KeyTimeToLiveAsync($"{_prefix}{{{id}}}:events");
        var state = await db.KeyTimeToLiveAsync($"{_prefix}{{{id}}}:state");

        Assert.InRange(events!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2));
        Assert.InRange(state!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2));
        Assert.False(await db.KeyExistsAsync($"{_prefix}{{{id}}}:owner"));
        Assert.Equal(await db.StreamLengthAsync($"{_prefix}{{{id}}}:events"), (long)(await db.HashGetAsync($"{_prefix}{{{id}}}:state", "last")));
    }

    [Fact]
    public async Task When_Redis_is_down_starting_and_following_answer_503_with_a_clear_message_within_the_Redis_timeout()
    {
        // A port nothing listens on: the relay must neither hang nor fail at start-up.
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var deadPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var host = await RelayHost.StartAsync(new Uri("http://127.0.0.1:9/v1/"), relay => relay.UseRedis($"127.0.0.1:{deadPort},connectTimeout=500,asyncTimeout=500,syncTimeout=500", _prefix));

        using var start = await host.Http.PostAsync("/relay", JsonContent("""{"question":"q"}"""));
        using var follow = await host.Http.GetAsync("/relay/AAAAAAAAAAAAAAAAAAAAAA/events");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, start.StatusCode);
        Assert.Contains("Redis", await start.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, follow.StatusCode);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
