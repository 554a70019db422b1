using System.Text;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Wire;

/// <summary>Bad bytes get a clear protocol error that names them and keeps what arrived; they never crash or hang.</summary>
public sealed class MalformedStreamTests
{
    [Fact]
    public async Task Invalid_json_names_the_offending_bytes_and_keeps_the_partial_output()
    {
        string body = Sse.Unfinished(Sse.DeepSeek().Reasoning("Thinking").Answer("Part")) + Sse.Events("{\"choices\":[{\"delta\":{\"content\":\"oops}") + Sse.Done;
        var error = await Assert.ThrowsAsync<StreamProtocolException>(() => EveryWay.ResultAsync(body));
        Assert.Contains("{\"choices\":[{\"delta\":{\"content\":\"oops}", error.OffendingBytes, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Equal("Thinking", error.PartialResult?.Reasoning);
        Assert.Equal("Part", error.PartialResult?.Answer);
    }

    [Fact]
    public async Task Invalid_utf8_inside_a_string_is_a_protocol_error_not_a_crash()
    {
        byte[] head = Encoding.UTF8.GetBytes("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ab");
        byte[] tail = Encoding.UTF8.GetBytes("cd\"},\"finish_reason\":null}]}\n\n" + Sse.Done);
        byte[] body = [.. head, 0xC3, 0x28, .. tail];
        var error = await Assert.ThrowsAsync<StreamProtocolException>(() => EveryWay.ResultAsync(body));
        Assert.Contains("\\xC3(", error.OffendingBytes, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    public async Task Data_that_is_not_an_object_is_a_protocol_error(string payload)
    {
        var error = await Assert.ThrowsAsync<StreamProtocolException>(() => EveryWay.ResultAsync(Sse.Events(payload) + Sse.Done));
        Assert.Contains(payload, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_that_ends_without_finish_or_done_is_interrupted_not_a_success()
    {
        var error = await Assert.ThrowsAsync<StreamInterruptedException>(() => EveryWay.ResultAsync(Sse.Unfinished(Sse.DeepSeek().Reasoning("Half a tho"))));
        Assert.Equal("Half a tho", error.PartialResult?.Reasoning);
        Assert.False(error.PartialResult?.IsComplete);
    }

    [Fact]
    public async Task A_finish_without_done_is_a_success()
    {
        var result = await EveryWay.ResultAsync(Sse.Events("""{"choices":[{"index":0,"delta":{"content":"ok"},"finish_reason":"stop"}]}""")); // the finish chunk, then nothing
        Assert.Equal("ok", result.Answer);
        Assert.True(result.IsComplete);
    }

    [Fact]
    public async Task Length_finish_flags_truncation_and_spent_reasoning_budget()
    {
        var result = await EveryWay.ResultAsync(Sse.Body(Sse.DeepSeek().Reasoning("So much to think").Finish(FinishReasons.Length)));
        Assert.True(result.IsTruncated);
        Assert.True(result.ReasoningExhaustedBudget);
    }

    [Fact]
    public async Task Fuzzed_streams_end_in_a_result_or_a_typed_error_never_anything_else()
    {
        byte[] seed = Captures.Available ? Captures.Body("deepseek-reasoner-thinking-tool-call-01.chunks.jsonl") : Sse.DeepSeek().Answer("x").ToBytes();
        var random = new Random(20261124);
        int succeeded = 0, failed = 0;
        for (int i = 0; i < 300; i++)
        {
            byte[] body = (byte[])seed.Clone();
            int mutations = random.Next(1, 8);
            for (int m = 0; m < mutations; m++)
            {
                int at = random.Next(body.Length);
                body[at] = random.Next(4) switch
                {
                    0 => (byte)random.Next(256),
                    1 => (byte)'\n',
                    2 => (byte)'"',
                    _ => (byte)'{',
                };
            }

            if (random.Next(3) == 0) body = body[..random.Next(body.Length)];
            using var client = InMemoryHandler.Client(body, n => 1 + ((n * 31) % 200));
            try
            {
                await client.StreamAsync(Updates.Ask()).ToResultAsync().WaitAsync(TimeSpan.FromSeconds(30));
                succeeded++;
            }
            catch (ReasonStreamException)
            {
                failed++; // typed, expected
            }
        }

        // The mutations must reach both outcomes, or the test would prove nothing about the error paths.
        Assert.True(succeeded > 0 && failed > 0, $"succeeded {succeeded}, failed {failed}");
    }
}

public sealed class ToolCallEdgeTests
{
    [Fact]
    public async Task Out_of_range_numbers_are_a_protocol_error_not_a_crash()
    {
        string body = Sse.Events("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":99999999999,\"id\":\"c\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},\"finish_reason\":null}]}") + Sse.Done;
        await Assert.ThrowsAsync<StreamProtocolException>(() => EveryWay.ResultAsync(body));
    }

    [Fact]
    public async Task Ollama_native_object_arguments_are_kept_as_json_text()
    {
        string body = "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}}}]},\"done\":false}\n" +
                      "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\"}\n";
        var result = await EveryWay.ResultAsync(body, "application/x-ndjson", WireProtocol.OllamaChat);
        var call = Assert.Single(result.ToolCalls);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("{\"city\":\"Paris\"}", call.Arguments);
    }
}
