using System.Net;
using System.Net.ServerSentEvents;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using ReasonStream.AspNetCore.Tests.Support;
using StackExchange.Redis;

namespace ReasonStream.AspNetCore.Tests;

/// <summary>
/// Redis failing under running streams, with two application instances: no page may wait forever. Each test that
/// kills Redis starts its own; the others share one and use their own key prefix.
/// </summary>
public sealed class RedisFailureTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    // Short Redis timeouts, so that a dead Redis is noticed quickly.
    private const string FastFailure = ",connectTimeout=500,asyncTimeout=500,syncTimeout=500";
    private readonly string _prefix = "fail:" + Guid.NewGuid().ToString("N")[..8] + ":";
    private readonly Channel<StreamUpdate> _gate = Channel.CreateUnbounded<StreamUpdate>();

    private Task<RelayHost> StartProducerAsync(string configuration) =>
        RelayHost.StartAsync(null, r => r.UseRedis(configuration, _prefix),
            start: _ => ValueTask.FromResult(new RelayRequest(token => _gate.Reader.ReadAllAsync(token), "q")));

    private Task<RelayHost> StartFollowerInstanceAsync(string configuration, Action<WebApplicationBuilder>? configure = null) =>
        RelayHost.StartAsync(null, r => r.UseRedis(configuration, _prefix), configure: configure);

    [RedisFact]
    public async Task When_Redis_dies_mid_stream_followers_on_every_instance_are_told_store_unavailable_and_their_responses_end()
    {
        var server = await RedisServer.StartAsync();
        await using var a = await StartProducerAsync(server.Configuration + FastFailure);
        await using var b = await StartFollowerInstanceAsync(server.Configuration + FastFailure);
        var id = await a.StartStreamAsync();
        await using var onA = await a.FollowAsync(id);
        await using var onB = await b.FollowAsync(id);
        _gate.Writer.TryWrite(new ReasoningDelta("thinking"));
        await onA.NextAsync();
        await onB.NextAsync();

        await server.DisposeAsync(); // Redis dies
        _gate.Writer.TryWrite(new ReasoningDelta(" more")); // the producer's next write fails

        foreach (var follower in new[] { onA, onB })
        {
            await follower.ReadToEndAsync();
            var failure = follower.Received[^1];
            Assert.Equal(("relay_error", ""), (failure.EventType, failure.EventId ?? ""));
            Assert.Equal("store_unavailable", RelayEvents.Data(failure).GetProperty("kind").GetString());
            Assert.Equal(["reasoning", "relay_error"], follower.Received.Select(e => e.EventType));
        }

        await a.WaitForEndAsync(id); // the upstream was stopped, not left running
    }

    [RedisFact]
    public async Task When_Redis_comes_back_empty_the_follower_on_another_instance_is_told_and_the_stream_is_404()
    {
        var server = await RedisServer.StartAsync();
        var port = server.Port;
        await using var a = await StartProducerAsync(server.Configuration + FastFailure);
        await using var b = await StartFollowerInstanceAsync(server.Configuration + FastFailure);
        var id = await a.StartStreamAsync();
        await using var onB = await b.FollowAsync(id);
        _gate.Writer.TryWrite(new ReasoningDelta("thinking"));
        await onB.NextAsync();

        await server.DisposeAsync(); // Redis dies…
        _gate.Writer.TryWrite(new ReasoningDelta(" more"));
        await a.WaitForEndAsync(id);
        await using var back = await RedisServer.StartAsync(port); // …and comes back without the stream (no persistence)

        await onB.ReadToEndAsync();
        var failure = onB.Received[^1];
        Assert.Equal("relay_error", failure.EventType);
        Assert.Contains(RelayEvents.Data(failure).GetProperty("kind").GetString(), new[] { "store_unavailable", "stream_lost" });
        using var later = await NotServing503Async(b, id);
        Assert.Equal(HttpStatusCode.NotFound, later.StatusCode);
    }

    [RedisFact]
    public async Task When_a_running_streams_keys_vanish_followers_on_both_instances_are_told_stream_lost_and_nothing_brings_the_keys_back()
    {
        await using var a = await StartProducerAsync(redis.Server!.Configuration);
        await using var b = await StartFollowerInstanceAsync(redis.Server!.Configuration);
        var id = await a.StartStreamAsync();
        await using var onA = await a.FollowAsync(id);
        await using var onB = await b.FollowAsync(id);
        _gate.Writer.TryWrite(new ReasoningDelta("thinking"));
        await onA.NextAsync();
        await onB.NextAsync();

        // What a Redis restart without persistence (or an eviction) does to a stream: its keys are gone.
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server!.Configuration);
        var db = connection.GetDatabase();
        await db.KeyDeleteAsync([Key(id, "state"), Key(id, "events"), Key(id, "owner")]);

        foreach (var follower in new[] { onA, onB })
        {
            await follower.ReadToEndAsync();
            Assert.Equal(["reasoning", "relay_error"], follower.Received.Select(e => e.EventType));
            Assert.Equal("stream_lost", RelayEvents.Data(follower.Received[^1]).GetProperty("kind").GetString());
        }

        await a.WaitForEndAsync(id);
        Assert.False(await db.KeyExistsAsync(Key(id, "state"))); // no presence pulse re-created it (with no expiry)
        using var late = await b.NewBrowser().GetAsync($"/relay/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
    }

    [RedisFact]
    public async Task A_state_key_that_holds_no_stream_is_not_taken_for_one()
    {
        await using var b = await StartFollowerInstanceAsync(redis.Server!.Configuration);
        var id = RelayRunner.NewStreamId();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server!.Configuration);
        // What an older relay's presence pulse left after the stream expired: a state key with only a pulse, no expiry.
        await connection.GetDatabase().HashSetAsync(Key(id, "state"), "pulse", 3);

        using var follow = await b.NewBrowser().GetAsync($"/relay/{id}/events", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.NotFound, follow.StatusCode);
    }

    [RedisFact]
    public async Task Stopping_an_instance_ends_at_once_its_followers_of_a_stream_running_elsewhere_and_they_resume_on_another()
    {
        await using var a = await StartProducerAsync(redis.Server!.Configuration);
        var b = await StartFollowerInstanceAsync(redis.Server!.Configuration, RelayHost.WaitLongOnShutdown);
        var id = await a.StartStreamAsync();
        var onB = await b.FollowAsync(id);
        _gate.Writer.TryWrite(new ReasoningDelta("first "));
        await onB.NextAsync();

        var stopping = b.App.StopAsync();
        Assert.Null(await onB.NextAsync()); // the response ends, without a terminal event: the browser reconnects
        await stopping;
        await b.DisposeAsync();
        await onB.DisposeAsync();

        await using var resumed = await a.FollowAsync(id, lastEventId: onB.Received[^1].EventId);
        _gate.Writer.TryWrite(new ReasoningDelta("second"));
        _gate.Writer.Complete();
        await resumed.ReadToEndAsync();
        List<SseItem<string>> all = [.. onB.Received, .. resumed.Received];
        Assert.Equal("first second", RelayEvents.Text(all, "reasoning"));
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => i.ToString()), all.Select(e => e.EventId));
        Assert.Equal("finish", all[^1].EventType);
    }

    private RedisKey Key(string id, string name) => $"{_prefix}{{{id}}}:{name}";

    /// <summary>Follows until the instance has reconnected to Redis (503 while it has not): the answer then.</summary>
    private static async Task<HttpResponseMessage> NotServing503Async(RelayHost host, string id)
    {
        using var browser = host.NewBrowser();
        for (var attempt = 0; ; attempt++)
        {
            var response = await browser.GetAsync($"/relay/{id}/events", HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 60) return response;
            response.Dispose();
        }
    }
}
