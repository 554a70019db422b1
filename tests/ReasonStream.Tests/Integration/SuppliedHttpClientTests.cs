using ReasonStream.Testing;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Integration;

/// <summary>What a caller-supplied HttpClient's Timeout means for a long stream.</summary>
public sealed class SuppliedHttpClientTests
{
    [Fact]
    public async Task A_supplied_clients_timeout_bounds_the_wait_for_headers_not_the_stream()
    {
        // The stream takes about 1.5 s in all (5 events, 300 ms apart); the client's Timeout is 500 ms.
        await using var server = await ReplayServer.StartAsync(Replay.DeepSeekStream() with { Pacing = ReplayPacing.DelayBetweenEvents(TimeSpan.FromMilliseconds(300)) });
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(500) };
        using var client = new ReasoningClient(new ReasoningClientOptions { BaseUri = server.BaseUri, Retry = RetryPolicy.None }, http);
        var result = await client.StreamAsync(Updates.Ask()).ToResultAsync();
        Assert.Equal("Then answer.", result.Answer);
        Assert.True(result.Timings.Total > TimeSpan.FromMilliseconds(500), "the stream outlived the HttpClient timeout");
    }
}
