using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Wire;

/// <summary>Each provider's spelling of reasoning, in the project's own fixtures of their formats.</summary>
public sealed class DialectTests
{
    private static Task<ChatResult> Run(string body, ReasoningDialect? dialect = null) => EveryWay.ResultAsync(body, dialect);

    [Fact]
    public async Task DeepSeek_reasoning_content_then_content_with_usage_on_the_finish_chunk()
    {
        string body = Sse.Body(Sse.DeepSeek().Reasoning("Let me think.", " Done.").Answer("Hello", " world").Usage(prompt: 6, completion: 20, reasoning: 15, cached: 4));
        var result = await Run(body);
        Assert.Equal("Let me think. Done.", result.Reasoning);
        Assert.Equal("Hello world", result.Answer);
        Assert.Equal("stop", result.FinishReason);
        Assert.Equal("deepseek-flash", result.Model);
        Assert.Equal(new TokenUsage { PromptTokens = 6, CompletionTokens = 20, TotalTokens = 26, CachedPromptTokens = 4, ReasoningTokens = 15, PromptCacheHitTokens = 4, PromptCacheMissTokens = 2 }, result.Usage);
        Assert.False(result.IsTruncated);
    }

    [Fact]
    public async Task vLLM_reasoning_field_and_both_names_in_one_delta_count_once()
    {
        string body = Sse.Events(
            "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"好的\",\"reasoning_content\":\"好的\"},\"finish_reason\":null,\"token_ids\":null}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"，我想\"},\"finish_reason\":null}]}",
            // vLLM can end the reasoning and start the answer in the same chunk.
            "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"。\",\"content\":\"答案\"},\"finish_reason\":null}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\",\"stop_reason\":null}]}",
            "{\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":5,\"total_tokens\":8}}") + Sse.Done;
        var result = await Run(body);
        Assert.Equal("好的，我想。", result.Reasoning);
        Assert.Equal("答案", result.Answer);
        Assert.Equal(8, result.Usage?.TotalTokens);
    }

    [Fact]
    public async Task OpenRouter_reasoning_and_details_count_once_and_details_are_kept_for_passing_back()
    {
        string body = ": OPENROUTER PROCESSING\n\n" + Sse.Events(
            "{\"id\":\"gen-1\",\"provider\":\"Anthropic\",\"model\":\"anthropic/claude\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"reasoning\":null,\"reasoning_details\":[]},\"finish_reason\":null}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"reasoning\":\"Think\",\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":\"Think\",\"format\":\"anthropic-claude-v1\",\"index\":0}]},\"finish_reason\":null}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"reasoning\":\"ing.\",\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":\"ing.\",\"format\":\"anthropic-claude-v1\",\"index\":0}]},\"finish_reason\":null}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"reasoning_details\":[{\"type\":\"reasoning.text\",\"signature\":\"sig==\",\"index\":0}]},\"finish_reason\":null}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi.\"},\"finish_reason\":\"stop\",\"native_finish_reason\":\"end_turn\"}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":6,\"total_tokens\":10,\"completion_tokens_details\":{\"reasoning_tokens\":3}}}")
            + Sse.Done;
        var result = await Run(body);
        Assert.Equal("Thinking.", result.Reasoning);
        Assert.Equal("Hi.", result.Answer);
        Assert.Equal("Anthropic", result.Provider);
        Assert.Equal(3, result.Usage?.ReasoningTokens);
        Assert.Equal("[{\"type\":\"reasoning.text\",\"text\":\"Thinking.\",\"format\":\"anthropic-claude-v1\",\"index\":0,\"signature\":\"sig==\"}]", result.ReasoningDetails);
    }

    [Fact]
    public async Task Reasoning_details_alone_give_the_reasoning_text()
    {
        string body = Sse.Events(
            "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_details\":[{\"type\":\"reasoning.summary\",\"summary\":\"Plan: add.\"}]},\"finish_reason\":null}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"4\"},\"finish_reason\":\"stop\"}]}") + Sse.Done;
        var result = await Run(body);
        Assert.Equal("Plan: add.", result.Reasoning);
        Assert.Equal("4", result.Answer);
    }

    [Fact]
    public async Task Ollama_compatible_reasoning_field()
    {
        string body = Sse.Events(
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"qwen3\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"reasoning\":\"Hmm\"},\"finish_reason\":null}]}",
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"qwen3\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Yes\"},\"finish_reason\":null}]}",
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"qwen3\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":\"stop\"}]}") + Sse.Done;
        var result = await Run(body);
        Assert.Equal("Hmm", result.Reasoning);
        Assert.Equal("Yes", result.Answer);
    }

    [Fact]
    public async Task Mistral_content_parts_with_thinking()
    {
        string body = Sse.Events(
            "{\"choices\":[{\"index\":0,\"delta\":{\"content\":[{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\",\"text\":\"Step one.\"}]}]},\"finish_reason\":null}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"content\":[{\"type\":\"text\",\"text\":\"Result.\"}]},\"finish_reason\":null}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\" More.\"},\"finish_reason\":\"stop\"}]}") + Sse.Done;
        var result = await Run(body);
        Assert.Equal("Step one.", result.Reasoning);
        Assert.Equal("Result. More.", result.Answer);
    }

    [Theory]
    [InlineData("<think>")]
    [InlineData("\\u003cthink\\u003e")]
    public async Task Think_tags_in_content_are_split_out_even_when_escaped_or_cut(string open)
    {
        string close = open.Replace("think", "/think", StringComparison.Ordinal);
        int cut = close.IndexOf("/th", StringComparison.Ordinal) + 3; // inside the tag's name, between two chunks
        string body = Sse.Events(
            Chunk(open + "\\nLet"), Chunk(" me see"), Chunk("."), Chunk(close[..cut]), Chunk(close[cut..] + "\\n\\nThe answer"), Chunk(" is 4."),
            "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}") + Sse.Done;
        var result = await Run(body);
        Assert.Equal("Let me see.", result.Reasoning);
        Assert.Equal("The answer is 4.", result.Answer);
    }

    [Fact]
    public async Task Open_tag_cut_across_chunks()
    {
        string body = Sse.Events(Chunk("<thi"), Chunk("nk>Hm"), Chunk("m</th"), Chunk("ink>Ok"), Finish()) + Sse.Done;
        var result = await Run(body);
        Assert.Equal("Hmm", result.Reasoning);
        Assert.Equal("Ok", result.Answer);
    }

    [Fact]
    public async Task Stream_that_starts_inside_the_thinking_needs_ThinkTagsOpen()
    {
        string body = Sse.Events(Chunk("Okay, the user"), Chunk(" asks.</think>\\n\\nHello!"), Finish()) + Sse.Done;
        var result = await Run(body, ReasoningDialect.ThinkTagsOpen);
        Assert.Equal("Okay, the user asks.", result.Reasoning);
        Assert.Equal("Hello!", result.Answer);
    }

    [Fact]
    public async Task Auto_does_not_mistake_a_later_tag_for_reasoning()
    {
        string body = Sse.Events(Chunk("Use the "), Chunk("<think> tag like <think>this</think>."), Finish()) + Sse.Done;
        var result = await Run(body);
        Assert.Equal("", result.Reasoning);
        Assert.Equal("Use the <think> tag like <think>this</think>.", result.Answer);
    }

    [Fact]
    public async Task None_dialect_never_reads_tags()
    {
        string body = Sse.Events(Chunk("<think>literal</think>"), Finish()) + Sse.Done;
        var result = await Run(body, ReasoningDialect.None);
        Assert.Equal("<think>literal</think>", result.Answer);
    }

    [Fact]
    public async Task A_lone_less_than_at_the_end_is_released_when_the_stream_ends()
    {
        string body = Sse.Events(Chunk("a <"), Finish()) + Sse.Done;
        var result = await Run(body, ReasoningDialect.ThinkTags);
        Assert.Equal("a <", result.Answer);
    }

    [Fact]
    public async Task Tool_call_fragments_join_and_empty_fragments_do_not_split_the_reasoning()
    {
        string body = Sse.Events(
            "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"Need weather\",\"tool_calls\":[]},\"finish_reason\":null}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\" for Paris.\",\"tool_calls\":null},\"finish_reason\":null}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_00_abc\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]},\"finish_reason\":null}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]},\"finish_reason\":null}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_01\",\"function\":{\"name\":\"get_time\",\"arguments\":\"{}\"}}]},\"finish_reason\":null}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"tool_calls\"}]}") + Sse.Done;
        var result = await Run(body);
        Assert.Equal("Need weather for Paris.", result.Reasoning);
        Assert.Equal([new ToolCall("call_00_abc", "get_weather", "{\"city\":\"Paris\"}"), new ToolCall("call_01", "get_time", "{}")], result.ToolCalls.Select(c => c with { Origin = null }));
        Assert.Equal("tool_calls", result.FinishReason);
    }

    [Fact]
    public async Task Non_reasoning_model_yields_no_reasoning()
    {
        // A model that does not reason sends no reasoning field at all.
        string body = Sse.Events(
            """{"id":"c","object":"chat.completion.chunk","model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"Just"},"finish_reason":null}]}""",
            """{"id":"c","object":"chat.completion.chunk","model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":" an answer."},"finish_reason":"stop"}]}""") + Sse.Done;
        var result = await Run(body);
        Assert.Equal("", result.Reasoning);
        Assert.Equal("Just an answer.", result.Answer);
        Assert.Null(result.Timings.TimeToFirstReasoning);
    }

    [Fact]
    public async Task Ollama_native_ndjson_is_read_line_by_line()
    {
        string body = "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\"Hmm.\"},\"done\":false}\n" +
                      "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"Yes.\"},\"done\":false}\n" +
                      "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":7,\"eval_count\":9}\n";
        var result = await EveryWay.ResultAsync(body, "application/x-ndjson", WireProtocol.OllamaChat);
        Assert.Equal("Hmm.", result.Reasoning);
        Assert.Equal("Yes.", result.Answer);
        Assert.Equal(16, result.Usage?.TotalTokens);
    }

    [Fact]
    public async Task A_plain_json_completion_from_a_server_that_ignored_stream_still_gives_the_result()
    {
        string body = "{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"reasoning_content\":\"Why.\",\"content\":\"Because.\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}";
        var result = await EveryWay.ResultAsync(body, "application/json");
        Assert.Equal("Why.", result.Reasoning);
        Assert.Equal("Because.", result.Answer);
        Assert.Equal("stop", result.FinishReason);
    }

    private static string Chunk(string escapedContent) =>
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + escapedContent + "\"},\"finish_reason\":null}]}";

    private static string Finish() => "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";
}

public sealed class GeminiNativeTests
{
    [Fact]
    public async Task Thought_parts_are_reasoning_and_usage_metadata_is_read()
    {
        string body =
            "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"**Planning** the answer.\",\"thought\": true}],\"role\": \"model\"},\"index\": 0}],\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"r1\"}\r\n\r\n" +
            "data: {\"candidates\": [{\"content\": {\"parts\": [{\"thought\": false, \"text\": \"Paris.\"}],\"role\": \"model\"},\"finishReason\": \"STOP\",\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 8,\"candidatesTokenCount\": 2,\"totalTokenCount\": 40,\"thoughtsTokenCount\": 30,\"cachedContentTokenCount\": 4},\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"r1\"}\r\n\r\n";
        var result = await EveryWay.ResultAsync(body, protocol: WireProtocol.GeminiGenerateContent);
        Assert.Equal("**Planning** the answer.", result.Reasoning);
        Assert.Equal("Paris.", result.Answer);
        Assert.Equal("stop", result.FinishReason);
        Assert.Equal("gemini-2.5-flash", result.Model);
        Assert.Equal("r1", result.ResponseId);
        // Gemini counts thoughts apart from candidates: the normalised output count has both.
        Assert.Equal(new TokenUsage { PromptTokens = 8, CompletionTokens = 2, TotalTokens = 40, ReasoningTokens = 30, CachedPromptTokens = 4 }, result.Usage);
        Assert.Equal(32, result.Usage?.OutputTokens);
    }
}
