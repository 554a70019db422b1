using ReasonStream.Testing;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Client;

/// <summary>One clock for the reasoning phase, one copy of the partial output, and the two-line common case.</summary>
public sealed class PhaseAndPartialOutputTests
{
    private static async Task<List<StreamUpdate>> Updates(ScriptedReply reply)
    {
        using var client = InMemoryHandler.Client(reply.ToBytes(), protocol: reply.Protocol);
        return await client.CollectAsync();
    }

    [Fact]
    public async Task Reasoning_ends_once_just_before_the_first_answer_text()
    {
        var updates = await Updates(new ScriptedReply(WireProtocol.ChatCompletions).Reasoning("a", "b").Answer("c", "d"));
        var ended = Assert.Single(updates.OfType<ReasoningEnded>());
        int at = updates.IndexOf(ended);
        Assert.IsType<ReasoningDelta>(updates[at - 1]);
        Assert.IsType<AnswerDelta>(updates[at + 1]);
        Assert.True(ended.Duration >= TimeSpan.Zero);
    }

    [Fact]
    public async Task Reasoning_ends_before_a_tool_call_and_before_the_finish_when_nothing_follows()
    {
        var call = await Updates(new ScriptedReply(WireProtocol.AnthropicMessages).Reasoning("think").ToolCall("t", "f", "{}"));
        Assert.IsType<ToolCallDelta>(call[call.FindIndex(u => u is ReasoningEnded) + 1]);

        var only = await Updates(new ScriptedReply(WireProtocol.ChatCompletions).Reasoning("think").Finish(FinishReasons.Length));
        Assert.IsType<StreamFinished>(only[only.FindIndex(u => u is ReasoningEnded) + 1]);
    }

    [Fact]
    public async Task No_reasoning_no_phase_end()
    {
        var updates = await Updates(new ScriptedReply(WireProtocol.ChatCompletions).Answer("just this"));
        Assert.DoesNotContain(updates, u => u is ReasoningEnded);
    }

    [Fact]
    public async Task The_accumulator_reports_the_clients_reasoning_duration()
    {
        using var client = InMemoryHandler.Client(new ScriptedReply(WireProtocol.ChatCompletions).Reasoning("a").Answer("b").ToBytes());
        var accumulator = new ChatAccumulator();
        TimeSpan? streamed = null;
        await foreach (var update in client.StreamAsync(Support.Updates.Ask(), accumulator))
        {
            if (update is ReasoningEnded ended) streamed = ended.Duration;
        }

        Assert.NotNull(streamed);
        Assert.Equal(streamed, accumulator.ToResult().Timings.ReasoningDuration);
    }

    [Fact]
    public async Task A_failure_carries_the_callers_accumulator_whatever_KeepPartialOutput_says()
    {
        using var client = InMemoryHandler.Client(Sse.Unfinished(Sse.DeepSeek().Reasoning("Half ").Answer("an answer")));
        client.Options.KeepPartialOutput = false;
        var accumulator = new ChatAccumulator();
        var error = await Assert.ThrowsAsync<StreamInterruptedException>(async () =>
        {
            await foreach (var _ in client.StreamAsync(Support.Updates.Ask(), accumulator))
            {
            }
        });
        Assert.Equal(("Half ", "an answer"), (error.PartialResult?.Reasoning, error.PartialResult?.Answer));
        Assert.Equal("an answer", accumulator.ToResult().Answer);
    }

    [Fact]
    public async Task A_prompt_string_goes_to_the_providers_default_model()
    {
        var handler = new InMemoryHandler(new ScriptedReply(WireProtocol.ChatCompletions).Answer("Hi!").ToBytes());
        using var client = new ReasoningClient(new ReasoningClientOptions { BaseUri = new Uri("http://in-memory/"), Provider = Providers.DeepSeek }, new HttpClient(handler));
        var result = await client.CompleteAsync("Hello?");
        Assert.Equal("Hi!", result.Answer);
        Assert.Contains("\"model\":\"deepseek-flash\"", handler.RequestBodies[0], StringComparison.Ordinal);
        Assert.Contains("\"content\":\"Hello?\"", handler.RequestBodies[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Tokens_per_second_count_reasoning_even_where_the_provider_counts_it_apart()
    {
        var result = new ChatResult
        {
            Usage = new TokenUsage { PromptTokens = 5, CompletionTokens = 10, ReasoningTokens = 90, TotalTokens = 105 },
            Timings = new StreamTimings { TimeToFirstReasoning = TimeSpan.FromSeconds(1), Total = TimeSpan.FromSeconds(3) },
        };
        Assert.Equal(50, result.OutputTokensPerSecond);
    }

    [CapturesFact]
    public async Task xAI_output_tokens_include_the_reasoning_it_reports_apart()
    {
        using var client = Captures.Client("xai-grok-3-mini-chat-reasoning-01.chunks.jsonl");
        client.Options.Provider = Providers.XAI;
        var result = await client.StreamAsync(Support.Updates.Ask()).ToResultAsync();
        Assert.Equal((2, 340, 342), (result.Usage?.CompletionTokens, result.Usage?.ReasoningTokens, result.Usage?.OutputTokens));
    }
}
