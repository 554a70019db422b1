using System.Text.Json;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Wire;

/// <summary>What specific real captures must yield, field by field.</summary>
public sealed class CaptureExpectationTests
{
    private static async Task<ChatResult> Parse(string name, ReasoningDialect? dialect = null)
    {
        return await EveryWay.ResultAsync(Captures.Body(name), dialect, Captures.ProtocolOf(name));
    }

    [CapturesFact]
    public async Task DeepSeek_reasoner_reasoning_answer_and_cache_usage()
    {
        var result = await Parse("deepseek-reasoner-01.sse");
        Assert.StartsWith("H", result.Reasoning, StringComparison.Ordinal);
        Assert.NotEmpty(result.Answer);
        Assert.Equal("stop", result.FinishReason);
        Assert.Equal(new TokenUsage { PromptTokens = 6, CompletionTokens = 212, TotalTokens = 218, CachedPromptTokens = 0, ReasoningTokens = 198, PromptCacheHitTokens = 0, PromptCacheMissTokens = 6 }, result.Usage);
        Assert.Equal("deepseek-reasoner", result.Model);
    }

    [CapturesFact]
    public async Task DeepSeek_thinking_tool_call()
    {
        var result = await Parse("deepseek-reasoner-thinking-tool-call-01.chunks.jsonl");
        Assert.NotEmpty(result.Reasoning);
        Assert.Equal("tool_calls", result.FinishReason);
        var call = Assert.Single(result.ToolCalls);
        Assert.StartsWith("call_", call.Id, StringComparison.Ordinal);
        Assert.NotEmpty(call.Name);
        using var _ = JsonDocument.Parse(call.Arguments);
        Assert.Equal(39, result.Usage?.ReasoningTokens);
        Assert.Equal(320, result.Usage?.PromptCacheHitTokens);
    }

    [CapturesFact]
    public async Task Groq_raw_think_tags_escaped_in_json_become_reasoning()
    {
        var result = await Parse("groq-reasoning-format-raw-think-tags-01.sse");
        Assert.True(result.Reasoning.Length > 100);
        Assert.True(result.Answer.Length > 100);
        Assert.DoesNotContain("<think>", result.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("</think>", result.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("think>", result.Reasoning, StringComparison.Ordinal);
        Assert.Equal(988, result.Usage?.CompletionTokens); // from x_groq.usage
    }

    [CapturesFact]
    public async Task OpenRouter_claude_reasoning_details_and_one_choice_usage_chunk()
    {
        var result = await Parse("openrouter-claude-reasoning-01.sse");
        Assert.NotEmpty(result.Reasoning);
        Assert.NotEmpty(result.Answer);
        Assert.NotNull(result.ReasoningDetails);
        using var details = JsonDocument.Parse(result.ReasoningDetails);
        Assert.Equal(result.Reasoning, details.RootElement[0].GetProperty("text").GetString());
        Assert.Equal(13, result.Usage?.ReasoningTokens);
        Assert.Equal("Google", result.Provider);
    }

    [CapturesFact]
    public async Task xAI_usage_keeps_reasoning_apart_from_completion()
    {
        var result = await Parse("xai-grok-3-mini-chat-reasoning-01.chunks.jsonl");
        Assert.NotEmpty(result.Reasoning);
        Assert.Equal(2, result.Usage?.CompletionTokens);
        Assert.Equal(340, result.Usage?.ReasoningTokens);
        Assert.Equal(11, result.Usage?.CachedPromptTokens);
    }

    [CapturesFact]
    public async Task Azure_SGLang_shaped_top_level_reasoning_tokens()
    {
        var result = await Parse("azure-foundry-deepseek-v4-pro-01.chunks.jsonl");
        Assert.NotEmpty(result.Reasoning);
        Assert.NotEmpty(result.Answer);
        Assert.Equal(0, result.Usage?.ReasoningTokens);
        Assert.Equal(1720, result.Usage?.CompletionTokens);
    }

    [CapturesFact]
    public async Task OpenAI_chat_hides_reasoning_but_counts_it()
    {
        var result = await Parse("openai-chat-gpt-5-usage-01.sse");
        Assert.Equal("", result.Reasoning);
        Assert.StartsWith("Paris", result.Answer, StringComparison.Ordinal);
        Assert.NotNull(result.Usage?.ReasoningTokens);
    }

    [CapturesFact]
    public async Task Responses_api_and_anthropic_streams_map_onto_the_same_updates()
    {
        var openai = await Parse("openai-responses-o3-mini-reasoning-summary-01.sse");
        Assert.NotEmpty(openai.Reasoning);
        Assert.NotEmpty(openai.Answer);
        Assert.Equal(1408, openai.Usage?.ReasoningTokens);
        Assert.Equal("stop", openai.FinishReason);

        var deepseek = await Parse("deepseek-v4-flash-responses-api-01.sse");
        Assert.NotEmpty(deepseek.Reasoning);
        Assert.Equal(7, deepseek.Usage?.ReasoningTokens);

        var anthropic = await Parse("anthropic-thinking-01.sse");
        Assert.NotEmpty(anthropic.Reasoning);
        Assert.NotEmpty(anthropic.Answer);
        Assert.Equal("stop", anthropic.FinishReason);
        Assert.Equal(43, anthropic.Usage?.PromptTokens);
        Assert.Equal(282, anthropic.Usage?.CompletionTokens);
    }

    [CapturesFact]
    public async Task Groq_gpt_oss_midstream_error_keeps_the_reasoning()
    {
        var error = await Assert.ThrowsAsync<ProviderStreamException>(() => EveryWay.ResultAsync(Captures.Body("groq-gpt-oss-tool-use-failed-midstream-error-01.sse")));
        Assert.Equal("tool_use_failed", error.ProviderCode);
        Assert.NotEmpty(error.PartialResult!.Reasoning);
    }

    [CapturesFact]
    public async Task DashScope_data_without_space_partial_head()
    {
        var error = await Assert.ThrowsAsync<StreamInterruptedException>(() => EveryWay.ResultAsync(Captures.Body("dashscope-deepseek-r1-head-PARTIAL-01.sse")));
        Assert.StartsWith("Okay, ", error.PartialResult!.Reasoning, StringComparison.Ordinal);
    }
}
