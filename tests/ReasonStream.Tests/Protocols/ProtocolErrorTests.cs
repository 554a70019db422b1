using ReasonStream.Testing;
using ReasonStream.Tests.Integration;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Protocols;

/// <summary>Each protocol's own error shapes, before and inside the stream, become the same typed errors.</summary>
public sealed class ProtocolErrorTests
{
    private static async Task<T> Fails<T>(WireProtocol protocol, params ReplayResponse[] script)
        where T : Exception
    {
        await using var server = await ReplayServer.StartAsync(script);
        using var client = Replay.Client(server, o => o.Protocol = protocol);
        var error = await Assert.ThrowsAsync<T>(() => client.StreamAsync(Updates.Ask("Why?", "model-x")).ToResultAsync().WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.DoesNotContain(Replay.Key, error.Message, StringComparison.Ordinal);
        return error;
    }

    private static ReplayResponse Events(string body) => ReplayResponse.FromText(body);

    [Fact]
    public async Task Anthropic_overloaded_529_is_a_server_error_retried_then_reported_with_its_type()
    {
        var overloaded = ReplayResponse.Error(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"},\"request_id\":\"req_1\"}");
        var error = await Fails<ServerErrorException>(WireProtocol.AnthropicMessages, overloaded, overloaded, overloaded);
        Assert.Equal((529, "overloaded_error", "Overloaded", 3), (error.StatusCode, error.ProviderCode, error.ProviderMessage, error.Attempts));
    }

    [Fact]
    public async Task Anthropic_invalid_request_body_gives_the_servers_message()
    {
        var error = await Fails<InvalidRequestException>(WireProtocol.AnthropicMessages,
            ReplayResponse.Error(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too long: 205351 tokens > 200000 maximum\"}}"));
        Assert.Equal("invalid_request_error", error.ProviderCode);
        Assert.Contains("prompt is too long", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anthropic_error_event_after_200_keeps_the_thinking_so_far()
    {
        string body = string.Concat(new ScriptedReply(WireProtocol.AnthropicMessages).Reasoning("Half a thought").Events().Take(4).Select(e => System.Text.Encoding.UTF8.GetString(e.Bytes.Span)))
            + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";
        var error = await Fails<ProviderStreamException>(WireProtocol.AnthropicMessages, Events(body));
        Assert.Equal("overloaded_error", error.ProviderCode);
        Assert.Equal("Half a thought", error.PartialResult?.Reasoning);
    }

    [Fact]
    public async Task Responses_failed_event_is_a_provider_error_with_its_code()
    {
        string body = "event: response.created\ndata: {\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"model\":\"gpt-5\",\"output\":[]}}\n\n" +
                      "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"output_index\":0,\"delta\":\"Par\"}\n\n" +
                      "event: response.failed\ndata: {\"type\":\"response.failed\",\"response\":{\"id\":\"resp_1\",\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"The model failed.\"}}}\n\n";
        var error = await Fails<ProviderStreamException>(WireProtocol.Responses, Events(body));
        Assert.Equal(("server_error", "The model failed."), (error.ProviderCode, error.ProviderMessage));
        Assert.Equal("Par", error.PartialResult?.Answer);
    }

    [Fact]
    public async Task Responses_bare_error_event_is_a_provider_error()
    {
        string body = "event: error\ndata: {\"type\":\"error\",\"code\":\"server_is_overloaded\",\"message\":\"Overloaded, retry later.\",\"param\":null,\"sequence_number\":2}\n\n";
        var error = await Fails<ProviderStreamException>(WireProtocol.Responses, Events(body));
        Assert.Equal("server_is_overloaded", error.ProviderCode);
    }

    [Theory]
    [InlineData("{\"error\":{\"code\":429,\"message\":\"Resource exhausted.\",\"status\":\"RESOURCE_EXHAUSTED\"}}")]
    [InlineData("[{\"error\":{\"code\":429,\"message\":\"Resource exhausted.\",\"status\":\"RESOURCE_EXHAUSTED\"}}]")]
    public async Task Gemini_resource_exhausted_is_rate_limited_in_object_and_array_form(string body)
    {
        var limited = ReplayResponse.Error(429, body);
        var error = await Fails<RateLimitedException>(WireProtocol.GeminiGenerateContent, limited, limited, limited);
        Assert.Equal(("RESOURCE_EXHAUSTED", "Resource exhausted."), (error.ProviderCode, error.ProviderMessage));
    }

    [Fact]
    public async Task Gemini_unknown_model_names_the_model()
    {
        var error = await Fails<UnknownModelException>(WireProtocol.GeminiGenerateContent, ReplayResponse.Error(404,
            "{\"error\":{\"code\":404,\"message\":\"models/model-x is not found for API version v1beta, or is not supported for StreamGenerateContent.\",\"status\":\"NOT_FOUND\"}}"));
        Assert.Equal("model-x", error.Model);
    }

    [Fact]
    public async Task Gemini_invalid_argument_is_an_invalid_request()
    {
        var error = await Fails<InvalidRequestException>(WireProtocol.GeminiGenerateContent, ReplayResponse.Error(400,
            "{\"error\":{\"code\":400,\"message\":\"Function call is missing a thought_signature in functionCall parts.\",\"status\":\"INVALID_ARGUMENT\"}}"));
        Assert.Equal("INVALID_ARGUMENT", error.ProviderCode);
    }

    [Fact]
    public async Task Gemini_blocked_prompt_is_a_provider_error_naming_the_reason()
    {
        string body = "data: {\"promptFeedback\": {\"blockReason\": \"SAFETY\"},\"usageMetadata\": {\"promptTokenCount\": 9,\"totalTokenCount\": 9},\"modelVersion\": \"gemini-2.5-flash\"}\r\n\r\n";
        var error = await Fails<ProviderStreamException>(WireProtocol.GeminiGenerateContent, Events(body));
        Assert.Equal("SAFETY", error.ProviderCode);
        Assert.Contains("blocked the prompt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gemini_safety_finish_is_a_content_filter_finish()
    {
        string body = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Partly\"}],\"role\": \"model\"},\"index\": 0}]}\r\n\r\n" +
                      "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"\"}],\"role\": \"model\"},\"finishReason\": \"SAFETY\",\"index\": 0}]}\r\n\r\n";
        await using var server = await ReplayServer.StartAsync(Events(body));
        using var client = Replay.Client(server, o => o.Protocol = WireProtocol.GeminiGenerateContent);
        var result = await client.CompleteAsync(Updates.Ask());
        Assert.Equal((FinishReasons.ContentFilter, "Partly"), (result.FinishReason, result.Answer));
    }

    [Fact]
    public async Task Ollama_error_line_keeps_the_partial_answer()
    {
        string body = "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"Yes\"},\"done\":false}\n{\"error\":\"model runner crashed\"}\n";
        var error = await Fails<ProviderStreamException>(WireProtocol.OllamaChat, Events(body) with { ContentType = "application/x-ndjson" });
        Assert.Equal(("model runner crashed", "Yes"), (error.ProviderMessage, error.PartialResult?.Answer));
    }

    public static TheoryData<WireProtocol, string, string> ForeignStreams() => new()
    {
        { WireProtocol.Responses, Sse.Body(Sse.DeepSeek().Answer("hi")), "chat-completions chunks" },
        { WireProtocol.ChatCompletions, "event: response.created\ndata: {\"type\":\"response.created\",\"response\":{}}\n\n", "Responses API events" },
        { WireProtocol.AnthropicMessages, "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"hi\"}]}}]}\r\n\r\n", "Gemini generateContent chunks" },
        { WireProtocol.GeminiGenerateContent, "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{}}\n\n", "Anthropic Messages events" },
        { WireProtocol.ChatCompletions, "event: stream-start\ndata: {\"type\":\"stream-start\",\"generation_id\":\"g\"}\n\n", "Cohere chat stream" },
        { WireProtocol.OllamaChat, "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[]}\n", "chat-completions chunks" },
    };

    [Theory]
    [MemberData(nameof(ForeignStreams))]
    public async Task A_stream_in_another_format_is_a_protocol_error_that_names_what_arrived(WireProtocol protocol, string body, string named)
    {
        var error = await Fails<StreamProtocolException>(protocol, Events(body));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains(WireProtocols.Describe(protocol), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bedrock_event_stream_is_named_by_its_content_type()
    {
        var error = await Fails<StreamProtocolException>(WireProtocol.AnthropicMessages,
            ReplayResponse.FromBytes([0, 0, 0, 42, 0, 0, 0, 16]) with { ContentType = "application/vnd.amazon.eventstream" });
        Assert.Contains("AWS event stream", error.Message, StringComparison.Ordinal);
    }
}
