using System.Net;
using System.Text;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Wire;

/// <summary>Defects found in review, each pinned by the input that showed it.</summary>
public sealed class ReviewRegressionTests
{
    private static string Content(string escaped) => "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + escaped + "\"},\"finish_reason\":null}]}";

    private const string Stop = "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";

    [Fact]
    public async Task Auto_after_a_leading_think_block_leaves_later_tags_in_the_answer()
    {
        var result = await EveryWay.ResultAsync(Sse.Events(Content("<think>a</think>"), Content("Use <think> tags"), Content(" ok"), Stop) + Sse.Done);
        Assert.Equal("a", result.Reasoning);
        Assert.Equal("Use <think> tags ok", result.Answer);
    }

    [Fact]
    public async Task ThinkTags_never_leaks_an_unmatched_closing_tag_into_the_answer()
    {
        var result = await EveryWay.ResultAsync(Sse.Events(Content("I think"), Content("</think>\\n\\nAnswer"), Stop) + Sse.Done, dialect: ReasoningDialect.ThinkTags);
        Assert.DoesNotContain("</think>", result.Answer, StringComparison.Ordinal);
        Assert.EndsWith("Answer", result.Answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("-5")]
    [InlineData("NaN")]
    [InlineData("1e300")]
    public async Task A_bad_retry_after_ms_header_neither_hangs_nor_escapes_the_typed_errors(string value)
    {
        using var client = new ReasoningClient(
            new ReasoningClientOptions { BaseUri = new Uri("http://in-memory/"), Retry = new RetryPolicy { MaxRetries = 1, MaxDelay = TimeSpan.FromMilliseconds(50) } },
            new HttpClient(new StatusHandler(HttpStatusCode.TooManyRequests, ("retry-after-ms", value))));
        await Assert.ThrowsAsync<RateLimitedException>(() => client.StreamAsync(Updates.Ask()).ToResultAsync().WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task Index_less_tool_calls_in_separate_chunks_stay_separate()
    {
        string body = "{\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":\"f\",\"arguments\":{\"a\":1}}}]},\"done\":false}\n" +
                      "{\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":\"g\",\"arguments\":{\"b\":2}}}]},\"done\":false}\n" +
                      "{\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\"}\n";
        var result = await EveryWay.ResultAsync(body, "application/x-ndjson", WireProtocol.OllamaChat);
        // Ollama gives its calls no ids: each gets its own, so a tool loop can answer each one.
        Assert.Equal([new ToolCall("call_0", "f", "{\"a\":1}"), new ToolCall("call_1", "g", "{\"b\":2}")], result.ToolCalls.Select(c => c with { Origin = null }));
    }

    [Fact]
    public async Task Total_tokens_are_not_left_stale_by_a_partial_usage_report()
    {
        string body = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"model\":\"c\",\"usage\":{\"input_tokens\":100,\"output_tokens\":1}}}\n\n" +
                      "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"}}\n\n" +
                      "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":50}}\n\n" +
                      "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        var result = await EveryWay.ResultAsync(body, protocol: WireProtocol.AnthropicMessages);
        Assert.Equal((100, 50, 150), (result.Usage?.PromptTokens, result.Usage?.CompletionTokens, result.Usage?.TotalTokens));
    }

    [Fact]
    public async Task Invalid_utf8_in_ndjson_is_a_protocol_error_naming_the_bytes()
    {
        byte[] body = [.. Encoding.UTF8.GetBytes("{\"message\":{\"content\":\"a"), 0xFF, .. Encoding.UTF8.GetBytes("\"},\"done\":false}\n")];
        var error = await Assert.ThrowsAsync<StreamProtocolException>(() => EveryWay.ResultAsync(body, "application/x-ndjson", WireProtocol.OllamaChat));
        Assert.Contains("\\xFF", error.OffendingBytes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_numeric_usage_value_does_not_derail_the_rest_of_the_chunk()
    {
        string body = Sse.Events("{\"usage\":{\"prompt_tokens\":{\"a\":1},\"completion_tokens\":5,\"prompt_tokens_details\":7},\"choices\":[{\"delta\":{\"content\":\"X\"},\"finish_reason\":\"stop\"}]}") + Sse.Done;
        var result = await EveryWay.ResultAsync(body);
        Assert.Equal("X", result.Answer);
        Assert.Equal("stop", result.FinishReason);
        Assert.Equal(5, result.Usage?.CompletionTokens);
    }

    [Fact]
    public async Task Metadata_follows_the_raw_chunk_it_came_from()
    {
        using var client = new ReasoningClient(
            new ReasoningClientOptions { BaseUri = new Uri("http://in-memory/"), IncludeRawChunks = true },
            new HttpClient(new InMemoryHandler(Encoding.UTF8.GetBytes(Sse.Events("""{"id":"ds-1","object":"chat.completion.chunk","model":"deepseek-flash","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":"stop"}]}""") + Sse.Done)))); // one chunk with metadata
        var kinds = (await client.CollectAsync()).Select(u => u.GetType().Name).ToList();
        Assert.Equal(["ResponseStarted", "RawChunk", "StreamMetadata", "AnswerDelta", "StreamFinished"], kinds);
    }

    [Fact]
    public async Task Credentials_in_the_base_url_never_appear_in_errors()
    {
        var options = new ReasoningClientOptions { BaseUri = new Uri("http://user:sk-secret-in-url@127.0.0.1:9/v1/"), Retry = RetryPolicy.None };
        using var client = new ReasoningClient(options);
        var error = await Assert.ThrowsAsync<ConnectionFailedException>(() => client.StreamAsync(Updates.Ask()).ToResultAsync());
        Assert.DoesNotContain("sk-secret-in-url", error.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_200_html_page_instead_of_a_stream_shows_its_first_bytes()
    {
        var error = await Assert.ThrowsAsync<StreamProtocolException>(() => EveryWay.ResultAsync("<html><body>Please sign in to the proxy</body></html>", "text/html"));
        Assert.Contains("text/html", error.Message, StringComparison.Ordinal);
        Assert.Contains("Please sign in to the proxy", error.Message, StringComparison.Ordinal);
    }

    private sealed class StatusHandler(HttpStatusCode status, (string Name, string Value) header) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent("{\"error\":{\"message\":\"slow down\"}}", Encoding.UTF8, "application/json") };
            response.Headers.TryAddWithoutValidation(header.Name, header.Value);
            return Task.FromResult(response);
        }
    }
}

public sealed class MislabelledStreamTests
{
    [Fact]
    public async Task An_event_stream_sent_as_application_json_is_still_read()
    {
        string body = Sse.Body(Sse.DeepSeek().Reasoning("r").Answer("a"));
        var result = await EveryWay.ResultAsync(body, "application/json");
        Assert.Equal(("r", "a"), (result.Reasoning, result.Answer));
    }
}
