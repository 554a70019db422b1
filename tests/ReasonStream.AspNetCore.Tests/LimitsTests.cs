using System.Net;
using System.Text;
using System.Threading.Channels;
using ReasonStream.AspNetCore.Tests.Support;

namespace ReasonStream.AspNetCore.Tests;

/// <summary>The limits that protect the server: concurrency, event cap, slow readers.</summary>
public sealed class LimitsTests
{
    [Fact]
    public async Task A_start_beyond_the_concurrency_limit_is_answered_429_with_Retry_After()
    {
        var gate = Channel.CreateUnbounded<StreamUpdate>();
        await using var host = await RelayHost.StartAsync(upstream: null, options: o => o.MaxConcurrentStreams = 1,
            start: _ => ValueTask.FromResult(new RelayRequest(token => gate.Reader.ReadAllAsync(token), "q")));
        var running = await host.StartStreamAsync();

        using var refused = await host.Http.PostAsync("/relay", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        gate.Writer.Complete();
        await host.WaitForEndAsync(running);
        Assert.Equal(0, host.Runner.RunningCount);
        await host.StartStreamAsync(); // room again
    }

    [Fact]
    public async Task A_stream_that_reaches_the_event_cap_is_cut_there_with_an_event_limit_error_and_its_upstream_cancelled()
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async IAsyncEnumerable<StreamUpdate> Endless([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
        {
            using var registration = token.Register(() => cancelled.TrySetResult());
            for (var i = 0; ; i++)
            {
                yield return new ToolCallDelta(0, null, null, "x"); // never joined, so each is one event
                await Task.Yield();
                token.ThrowIfCancellationRequested();
            }
        }

        await using var host = await RelayHost.StartAsync(upstream: null, options: o => o.MaxEventsPerStream = 50,
            start: _ => ValueTask.FromResult(new RelayRequest(Endless, "q")));
        var id = await host.StartStreamAsync();
        await using var follower = await host.FollowAsync(id);
        await follower.ReadToEndAsync();

        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(50, follower.Received.Count);
        Assert.Equal("event_limit", RelayEvents.Data(follower.Received[^1]).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_follower_that_never_reads_holds_back_neither_the_upstream_nor_other_followers()
    {
        // 16 MB of answer: far more than the socket buffers between a stalled browser and the server can hold.
        var piece = new string('x', 8 * 1024);
        const int Pieces = 2048;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async IAsyncEnumerable<StreamUpdate> Large()
        {
            await gate.Task;
            for (var i = 0; i < Pieces; i++) yield return new AnswerDelta(piece);
            yield return new StreamFinished(FinishReasons.Stop);
        }

        await using var host = await RelayHost.StartAsync(upstream: null, start: _ => ValueTask.FromResult(new RelayRequest(_ => Large(), "q")));
        var id = await host.StartStreamAsync();
        await using var stalled = await host.FollowAsync(id); // headers read, body never read
        await using var reader = await host.FollowAsync(id);
        gate.SetResult();

        await reader.ReadToEndAsync();
        await host.WaitForEndAsync(id);

        Assert.Equal(piece.Length * Pieces, RelayEvents.Text(reader.Received, "answer").Length);
        Assert.Equal("finish", reader.Received[^1].EventType);
    }
}
