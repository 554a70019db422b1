using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Protocols;

/// <summary>
/// A server or proxy that ignores <c>stream: true</c> and answers with one JSON reply: every native protocol reads it
/// into the same result a stream would give — reasoning, signatures, answer, tool calls, usage, finish — read every
/// way (whole, byte at a time, sync and async).
/// </summary>
public sealed class WholeReplyTests
{
    [Fact]
    public async Task A_whole_Anthropic_message_gives_its_thinking_signature_answer_tool_call_and_usage()
    {
        const string body = """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[
              {"type":"thinking","thinking":"Need the weather.","signature":"sig-1"},
              {"type":"redacted_thinking","data":"opaque"},
              {"type":"text","text":"Checking."},
              {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}],
             "stop_reason":"tool_use","usage":{"input_tokens":10,"cache_read_input_tokens":4,"output_tokens":30}}
            """;

        var result = await EveryWay.ResultAsync(body, "application/json", WireProtocol.AnthropicMessages);

        Assert.Equal(("Need the weather.", "Checking.", FinishReasons.ToolCalls), (result.Reasoning, result.Answer, result.FinishReason));
        Assert.Equal([("sig-1", false), (null, true)], result.ReasoningBlocks.Select(b => (b.Signature, b.IsRedacted)));
        var call = Assert.Single(result.ToolCalls);
        Assert.Equal(("toolu_1", "get_weather", """{"city":"Paris"}"""), (call.Id, call.Name, call.Arguments));
        Assert.Equal((14, 30, 4), (result.Usage!.PromptTokens, result.Usage.CompletionTokens, result.Usage.CachedPromptTokens));
        Assert.Equal(("msg_1", "claude-sonnet-4-5"), (result.ResponseId, result.Model));
    }

    [Fact]
    public async Task A_whole_Responses_object_gives_its_summary_answer_call_and_usage()
    {
        const string body = """
            {"id":"resp_1","object":"response","status":"completed","model":"gpt-5-mini","output":[
              {"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"Think first."}],"encrypted_content":"enc"},
              {"id":"msg_1","type":"message","role":"assistant","content":[{"type":"output_text","text":"Paris."}]},
              {"id":"fc_1","type":"function_call","call_id":"call_1","name":"get_weather","arguments":"{\"city\":\"Paris\"}"}],
             "usage":{"input_tokens":9,"output_tokens":21,"output_tokens_details":{"reasoning_tokens":12}}}
            """;

        var result = await EveryWay.ResultAsync(body, "application/json", WireProtocol.Responses);

        Assert.Equal(("Think first.", "Paris.", FinishReasons.ToolCalls), (result.Reasoning, result.Answer, result.FinishReason));
        Assert.Equal("enc", Assert.Single(result.ReasoningBlocks).EncryptedContent);
        Assert.Equal(("call_1", "get_weather"), (Assert.Single(result.ToolCalls).Id, result.ToolCalls[0].Name));
        Assert.Equal((9, 21, 12), (result.Usage!.PromptTokens, result.Usage.CompletionTokens, result.Usage.ReasoningTokens));
    }

    [Fact]
    public async Task A_whole_Responses_object_that_failed_is_the_providers_error()
    {
        const string body = """{"id":"resp_2","object":"response","status":"failed","error":{"code":"server_error","message":"The model crashed."},"output":[]}""";

        var error = await Assert.ThrowsAsync<ProviderStreamException>(() => EveryWay.ResultAsync(body, "application/json", WireProtocol.Responses));

        Assert.Contains("The model crashed.", error.Message, StringComparison.Ordinal);
        Assert.Equal("server_error", error.ProviderCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_whole_Gemini_reply_gives_its_thought_and_answer_as_an_object_or_an_array(bool array)
    {
        const string candidate = """{"candidates":[{"content":{"role":"model","parts":[{"text":"Think.","thought":true},{"text":"Paris."}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":3,"thoughtsTokenCount":7},"modelVersion":"gemini-2.5-flash"}""";
        string body = array ? "[" + candidate + "]" : candidate;

        var result = await EveryWay.ResultAsync(body, "application/json", WireProtocol.GeminiGenerateContent);

        Assert.Equal(("Think.", "Paris.", FinishReasons.Stop), (result.Reasoning, result.Answer, result.FinishReason));
        Assert.Equal(7, result.Usage!.ReasoningTokens);
    }

    [Fact]
    public async Task A_whole_Ollama_reply_gives_its_thinking_and_answer()
    {
        const string body = """{"model":"qwen3","message":{"role":"assistant","content":"Paris.","thinking":"Think."},"done":true,"done_reason":"stop","prompt_eval_count":5,"eval_count":9}""";

        var result = await EveryWay.ResultAsync(body, "application/json", WireProtocol.OllamaChat);

        Assert.Equal(("Think.", "Paris.", FinishReasons.Stop), (result.Reasoning, result.Answer, result.FinishReason));
    }

    [Theory]
    [InlineData("queued")]
    [InlineData("in_progress")]
    public async Task A_whole_Responses_object_not_yet_done_is_a_protocol_error_not_an_empty_answer(string status)
    {
        string body = "{\"id\":\"resp_3\",\"object\":\"response\",\"status\":\"" + status + "\",\"output\":[]}";

        var error = await Assert.ThrowsAsync<StreamProtocolException>(() => EveryWay.ResultAsync(body, "application/json", WireProtocol.Responses));

        Assert.Contains("'" + status + "'", error.Message, StringComparison.Ordinal);
    }
}
