using System.Text;
using ReasonStream.Testing;
using ReasonStream.Tests.Integration;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Protocols;

/// <summary>What the stream loop guarantees in every protocol: empty events keep nothing alive, a drop after the finish loses nothing, no event grows without bound.</summary>
public sealed class StreamLoopTests
{
    [Fact]
    public async Task Events_with_nothing_in_them_do_not_keep_a_stalled_stream_alive()
    {
        // Tokens flow, then only {"choices":[]} arrives, every 50 ms, for far longer than the stall timeout.
        string empties = string.Concat(Enumerable.Repeat("data: {\"choices\":[]}\n\n", 200));
        var stream = ReplayResponse.FromText(Sse.Unfinished(Sse.DeepSeek().Reasoning("Thinking")) + empties + Sse.Done) with
        {
            Pacing = ReplayPacing.DelayBetweenEvents(TimeSpan.FromMilliseconds(50)),
        };
        await using var server = await ReplayServer.StartAsync(stream);
        using var client = Replay.Client(server, o => o.StallTimeout = TimeSpan.FromMilliseconds(600));
        var error = await Assert.ThrowsAsync<StreamStalledException>(() => client.StreamAsync(Updates.Ask()).ToResultAsync().WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal("Thinking", error.PartialResult?.Reasoning);
        Assert.Contains("empty events do not count", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Time_spent_by_the_caller_on_a_usage_update_does_not_reset_the_stall_clock()
    {
        // Usage arriving every 50 ms is not progress either.
        string usages = string.Concat(Enumerable.Repeat("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}\n\n", 200));
        var stream = ReplayResponse.FromText(Sse.Unfinished(Sse.DeepSeek().Answer("Hi")) + usages + Sse.Done) with
        {
            Pacing = ReplayPacing.DelayBetweenEvents(TimeSpan.FromMilliseconds(50)),
        };
        await using var server = await ReplayServer.StartAsync(stream);
        using var client = Replay.Client(server, o => o.StallTimeout = TimeSpan.FromMilliseconds(600));
        await Assert.ThrowsAsync<StreamStalledException>(() => client.StreamAsync(Updates.Ask()).ToResultAsync().WaitAsync(TimeSpan.FromSeconds(60)));
    }

    public static TheoryData<WireProtocol> AllProtocols() => [.. WireProtocols.All];

    [Theory]
    [MemberData(nameof(AllProtocols))]
    public async Task A_connection_lost_after_the_finish_keeps_the_finish_reason_and_succeeds(WireProtocol protocol)
    {
        var reply = new ScriptedReply(protocol).Reasoning("Hmm.").Answer("Done.").Usage(3, 4).Finish(FinishReasons.Stop);
        var events = reply.Events();
        // Cut the connection just before the last event: for chat completions that is [DONE] after the finish chunk,
        // for Anthropic message_stop after message_delta's stop reason.
        int cut = events.Take(events.Count - 1).Sum(e => e.Bytes.Length);
        await using var server = await ReplayServer.StartAsync(reply.ToResponse() with { AbortAfterBytes = cut });
        using var client = Replay.Client(server, o => o.Protocol = protocol);
        if (protocol is WireProtocol.ChatCompletions or WireProtocol.AnthropicMessages)
        {
            var result = await client.CompleteAsync(Updates.Ask());
            Assert.Equal((FinishReasons.Stop, "Done."), (result.FinishReason, result.Answer));
        }
        else
        {
            // Here the finish itself travels in the last event: without it the reply is incomplete, and says so.
            var error = await Assert.ThrowsAsync<StreamInterruptedException>(() => client.CompleteAsync(Updates.Ask()));
            Assert.Equal("Done.", error.PartialResult?.Answer);
        }
    }

    [Fact]
    public async Task A_data_line_larger_than_the_limit_is_a_protocol_error_not_a_memory_blowup()
    {
        string huge = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + new string('x', 64 * 1024) + "\"}}]}\n\n";
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText(Sse.Unfinished(Sse.DeepSeek().Answer("ok")) + huge + Sse.Done));
        using var client = Replay.Client(server, o => o.MaxEventSize = 16 * 1024);
        var error = await Assert.ThrowsAsync<StreamProtocolException>(() => client.StreamAsync(Updates.Ask()).ToResultAsync());
        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
        Assert.Equal("ok", error.PartialResult?.Answer);
    }

    [Fact]
    public async Task An_ndjson_line_larger_than_the_limit_is_a_protocol_error()
    {
        string huge = "{\"message\":{\"content\":\"" + new string('x', 64 * 1024) + "\"},\"done\":false}\n";
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText(huge) with { ContentType = "application/x-ndjson" });
        using var client = Replay.Client(server, o =>
        {
            o.Protocol = WireProtocol.OllamaChat;
            o.MaxEventSize = 16 * 1024;
        });
        var error = await Assert.ThrowsAsync<StreamProtocolException>(() => client.StreamAsync(Updates.Ask()).ToResultAsync());
        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_whole_json_reply_larger_than_the_limit_is_a_protocol_error()
    {
        string huge = "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"" + new string('x', 64 * 1024) + "\"}}]}";
        using var client = InMemoryHandler.Client(Encoding.UTF8.GetBytes(huge), "application/json");
        client.Options.MaxEventSize = 16 * 1024;
        await Assert.ThrowsAsync<StreamProtocolException>(() => client.StreamAsync(Updates.Ask()).ToResultAsync());
    }
}
