using ReasonStream.Testing;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Protocols;

/// <summary>
/// The same reply, written by the scripted-stream builder in each protocol's wire format, reads back as the same
/// reasoning, answer, tool calls, usage and finish — byte at a time, at random cuts, sync and async.
/// </summary>
public sealed class ScriptedReplyTests
{
    public static TheoryData<WireProtocol> AllProtocols() => [.. WireProtocols.All];

    private static ScriptedReply ThinkThenCall(WireProtocol protocol) => new ScriptedReply(protocol, "model-x")
        .Reasoning("The user wants ", "the weather in Paris. ", "I'll call the tool.")
        .Signature("sig-abc")
        .Answer("Let me check", " the weather.")
        .ToolCall("call_1", "get_weather", "{\"city\":", "\"Paris\"}")
        .Usage(prompt: 40, completion: 25, reasoning: 12);

    [Theory]
    [MemberData(nameof(AllProtocols))]
    public async Task Reasoning_answer_tool_call_usage_and_finish_read_the_same_in_every_protocol(WireProtocol protocol)
    {
        using var client = InMemoryHandler.Client(ThinkThenCall(protocol).ToBytes(), protocol: protocol);
        var result = await client.StreamAsync(Updates.Ask()).ToResultAsync();

        Assert.Equal("The user wants the weather in Paris. I'll call the tool.", result.Reasoning);
        Assert.Equal("Let me check the weather.", result.Answer);
        var call = Assert.Single(result.ToolCalls);
        Assert.Equal(("call_1", "get_weather"), (call.Id, call.Name));
        Assert.Equal("{\"city\":\"Paris\"}", call.Arguments.Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal(FinishReasons.ToolCalls, result.FinishReason);
        Assert.Equal(40, result.Usage?.PromptTokens);
        Assert.Equal(25, result.Usage?.OutputTokens); // reasoning included, whatever the protocol's own counting
        Assert.Equal("model-x", result.Model);
    }

    [Theory]
    [MemberData(nameof(AllProtocols))]
    public async Task The_native_protocols_keep_what_the_provider_needs_back(WireProtocol protocol)
    {
        using var client = InMemoryHandler.Client(ThinkThenCall(protocol).ToBytes(), protocol: protocol);
        var result = await client.StreamAsync(Updates.Ask()).ToResultAsync();
        switch (protocol)
        {
            case WireProtocol.AnthropicMessages:
                var thinking = Assert.Single(result.ReasoningBlocks);
                Assert.Equal(("sig-abc", result.Reasoning, WireProtocol.AnthropicMessages), (thinking.Signature, thinking.Text, thinking.Protocol));
                break;
            case WireProtocol.Responses:
                var item = Assert.Single(result.ReasoningBlocks);
                Assert.Equal("sig-abc", item.EncryptedContent);
                Assert.Contains("\"type\":\"reasoning\"", item.ItemJson, StringComparison.Ordinal);
                break;
            case WireProtocol.GeminiGenerateContent:
                Assert.Equal("sig-abc", Assert.Single(result.ToolCalls).Signature);
                break;
            default:
                Assert.Empty(result.ReasoningBlocks);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(AllProtocols))]
    public async Task Every_split_of_the_bytes_gives_the_same_updates(WireProtocol protocol)
    {
        byte[] body = ThinkThenCall(protocol).ToBytes();
        var reference = await Outcome(body, protocol, _ => int.MaxValue);
        Assert.Equal(reference, await Outcome(body, protocol, _ => 1));
        var random = new Random((int)protocol * 7919 + 1);
        var sizes = Enumerable.Range(0, 4096).Select(_ => random.Next(1, 64)).ToArray();
        Assert.Equal(reference, await Outcome(body, protocol, n => sizes[n % sizes.Length]));
        using var sync = InMemoryHandler.Client(body, n => sizes[(n + 7) % sizes.Length], protocol: protocol);
        Assert.Equal(reference, Updates.Normalized(sync.Stream(Updates.Ask()).ToList()));
    }

    [Theory]
    [MemberData(nameof(AllProtocols))]
    public void The_replay_detector_knows_each_scripted_protocol(WireProtocol protocol) =>
        Assert.Equal(protocol, RecordedProtocol.Detect(ThinkThenCall(protocol).ToBytes()));

    [Theory]
    [MemberData(nameof(AllProtocols))]
    public async Task A_reply_cut_off_by_the_token_limit_is_truncated_in_every_protocol(WireProtocol protocol)
    {
        var reply = new ScriptedReply(protocol).Reasoning("Thinking ", "and thinking").Usage(10, 50, 50).Finish(FinishReasons.Length);
        using var client = InMemoryHandler.Client(reply.ToBytes(), protocol: protocol);
        var result = await client.StreamAsync(Updates.Ask()).ToResultAsync();
        Assert.True(result.IsTruncated);
        Assert.True(result.ReasoningExhaustedBudget);
    }

    private static async Task<List<string>> Outcome(byte[] body, WireProtocol protocol, Func<int, int> readSize)
    {
        using var client = InMemoryHandler.Client(body, readSize, protocol: protocol);
        return Updates.Normalized(await client.CollectAsync());
    }

    [Theory]
    [MemberData(nameof(AllProtocols))]
    public async Task Text_goes_out_as_raw_UTF8_as_providers_send_it_emoji_included_and_reads_back_whole(WireProtocol protocol)
    {
        const string Answer = "Café 思考 🎉 \\ud83c\" quoted \\\\ud83c\\udf89";
        var reply = new ScriptedReply(protocol).Reasoning("🤔 ").Answer(Answer);

        byte[] bytes = reply.ToBytes();
        using var client = InMemoryHandler.Client(bytes, protocol: protocol);
        var result = await client.StreamAsync(Updates.Ask()).ToResultAsync();

        Assert.True(bytes.AsSpan().IndexOf("🎉"u8) >= 0, "the emoji is written as its four UTF-8 bytes");
        Assert.True(bytes.AsSpan().IndexOf("思考"u8) >= 0);
        Assert.Equal(("🤔 ", Answer), (result.Reasoning, result.Answer)); // escaped backslashes before "u" stay text
    }
}
