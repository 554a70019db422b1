using ReasonStream.Testing;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Integration;

/// <summary>
/// The synchronous API reads on the caller's thread (blocking sends, waits and reads, not blocking over async): the
/// same updates as the async API, and the same failures — timeouts and cancellation end a read that is blocked.
/// </summary>
public sealed class SynchronousStreamTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_synchronous_api_reads_a_stream_over_http_exactly_as_the_async_one_does()
    {
        await using var server = await ReplayServer.StartAsync([Replay.DeepSeekStream()], new ReplayServerOptions { WhenScriptExhausted = ExhaustedScriptBehavior.RepeatLastResponse });
        using var client = Replay.Client(server);
        var expected = Updates.Normalized(await client.CollectAsync());
        var sync = await Task.Run(() => Updates.Normalized(client.Stream(Updates.Ask()).ToList())).WaitAsync(Bound);
        Assert.Equal(expected, sync);
        var result = await Task.Run(() => client.Complete(Updates.Ask())).WaitAsync(Bound);
        Assert.Equal(("First, think.", "Then answer.", "stop"), (result.Reasoning, result.Answer, result.FinishReason));
    }

    [Fact]
    public async Task A_stream_that_stalls_under_a_blocked_synchronous_read_fails_with_its_partial_output()
    {
        var stream = Replay.DeepSeekStream();
        await using var server = await ReplayServer.StartAsync(stream with { StallAfterBytes = Replay.AfterEvent(stream, 3), KeepAliveInterval = TimeSpan.FromMilliseconds(40) });
        using var client = Replay.Client(server, o => o.StallTimeout = TimeSpan.FromMilliseconds(400));
        var error = await Assert.ThrowsAsync<StreamStalledException>(() => Task.Run(() => client.Complete(Updates.Ask())).WaitAsync(Bound));
        Assert.Equal("First, think.", error.PartialResult?.Reasoning);
        Assert.Contains("the connection stayed open", error.Message, StringComparison.Ordinal);
        Assert.Equal(ResponseOutcome.ClientDisconnected, await server.Requests[0].Outcome.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task No_response_headers_fail_the_synchronous_api_with_the_first_token_timeout()
    {
        await using var server = await ReplayServer.StartAsync(Replay.DeepSeekStream() with { DelayBeforeHeaders = TimeSpan.FromMinutes(5) });
        using var client = Replay.Client(server, o => o.FirstTokenTimeout = TimeSpan.FromMilliseconds(300));
        var error = await Assert.ThrowsAsync<FirstTokenTimeoutException>(() => Task.Run(() => client.Complete(Updates.Ask())).WaitAsync(Bound));
        Assert.Contains("no bytes arrived at all", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_ends_a_blocked_synchronous_read_as_a_cancellation()
    {
        var stream = Replay.DeepSeekStream();
        await using var server = await ReplayServer.StartAsync(stream with { StallAfterBytes = Replay.AfterEvent(stream, 3) });
        using var client = Replay.Client(server);
        using var cancel = new CancellationTokenSource();
        var seen = new List<string>();
        var error = await Assert.ThrowsAsync<StreamCanceledException>(() => Task.Run(() =>
        {
            foreach (var update in client.Stream(Updates.Ask(), cancel.Token))
            {
                if (update is ReasoningDelta r) seen.Add(r.Text);
                if (seen.Count == 2) cancel.CancelAfter(TimeSpan.FromMilliseconds(100)); // the next read blocks: the server holds the stream
            }
        }).WaitAsync(Bound));
        Assert.Equal(["First, ", "think."], seen);
        Assert.Equal(cancel.Token, error.CancellationToken);
        Assert.Equal(ResponseOutcome.ClientDisconnected, await server.Requests[0].Outcome.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task The_synchronous_api_retries_an_overloaded_server_like_the_async_one()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FailFirst(2, ReplayResponse.Error(503, "{\"error\":{\"message\":\"busy\"}}"), Replay.DeepSeekStream()));
        using var client = Replay.Client(server);
        var result = await Task.Run(() => client.Complete(Updates.Ask())).WaitAsync(Bound);
        Assert.Equal("Then answer.", result.Answer);
        Assert.Equal(3, server.Requests.Count);
    }
}
