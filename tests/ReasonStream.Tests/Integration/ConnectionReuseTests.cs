using ReasonStream.Testing;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Integration;

/// <summary>A finished stream gives its connection back, so the turns of a tool loop do not each pay a new handshake.</summary>
public sealed class ConnectionReuseTests
{
    [Fact]
    public async Task Consecutive_requests_reuse_the_connection_of_a_finished_stream()
    {
        await using var server = await ReplayServer.StartAsync(Replay.DeepSeekStream(), Replay.DeepSeekStream(), Replay.DeepSeekStream());
        using var client = Replay.Client(server);
        for (int i = 0; i < 3; i++) await client.StreamAsync(Updates.Ask()).ToResultAsync();
        Assert.Single(server.Requests.Select(r => r.ConnectionId).Distinct());
    }

    [Fact]
    public async Task A_cancelled_stream_does_not_give_back_its_connection()
    {
        var stream = Replay.DeepSeekStream();
        await using var server = await ReplayServer.StartAsync(stream with { StallAfterBytes = Replay.AfterEvent(stream, 3) }, Replay.DeepSeekStream());
        using var client = Replay.Client(server);
        await foreach (var update in client.StreamAsync(Updates.Ask()))
        {
            if (update is ReasoningDelta) break;
        }

        await client.StreamAsync(Updates.Ask()).ToResultAsync();
        Assert.NotEqual(server.Requests[0].ConnectionId, server.Requests[1].ConnectionId);
    }
}
