using System.Text.Json;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Wire;

/// <summary>What the real captures of the native protocols must yield, field by field.</summary>
public sealed class NativeCaptureTests
{
    private static async Task<ChatResult> Parse(string name)
    {
        return await EveryWay.ResultAsync(Captures.Body(name), protocol: Captures.ProtocolOf(name));
    }

    [CapturesFact]
    public async Task Responses_summary_parts_are_separate_paragraphs_and_the_item_is_kept()
    {
        var result = await Parse("azure-openai-responses-gpt-5-mini-summary-parts-01.sse");
        Assert.Equal(3, result.Reasoning.Split("\n\n**").Length); // three summary parts, each opening with its bold title
        Assert.NotEmpty(result.Answer);
        var item = Assert.Single(result.ReasoningBlocks);
        Assert.Equal(3, JsonDocument.Parse(item.ItemJson!).RootElement.GetProperty("summary").GetArrayLength());
        Assert.Equal(FinishReasons.Stop, result.FinishReason);
    }

    [CapturesFact]
    public async Task Responses_encrypted_reasoning_without_a_summary_is_kept_for_the_function_call()
    {
        var result = await Parse("openai-responses-o4-mini-encrypted-no-summary-function-call-01.sse");
        Assert.Equal("", result.Reasoning);
        var item = Assert.Single(result.ReasoningBlocks);
        Assert.False(string.IsNullOrEmpty(item.EncryptedContent));
        Assert.Equal(FinishReasons.ToolCalls, result.FinishReason);
        Assert.Equal("weather", Assert.Single(result.ToolCalls).Name);
    }

    [CapturesFact]
    public async Task Responses_encrypted_item_is_taken_from_the_done_event()
    {
        var result = await Parse("openai-responses-gpt-5-summary-function-call-encrypted-01.sse");
        var item = Assert.Single(result.ReasoningBlocks);
        var json = JsonDocument.Parse(item.ItemJson!).RootElement;
        Assert.Equal(item.EncryptedContent, json.GetProperty("encrypted_content").GetString());
        Assert.StartsWith("**Getting weather info**", result.Reasoning, StringComparison.Ordinal);
        Assert.Equal("{\"location\":\"Florence, Italy\"}", Assert.Single(result.ToolCalls).Arguments);
    }

    [CapturesFact]
    public async Task Responses_incomplete_with_reasoning_only_names_the_budget_eaten_by_reasoning()
    {
        var result = await Parse("openai-responses-gpt-5-mini-incomplete-reasoning-only-01.sse");
        Assert.True(result.IsTruncated);
        Assert.True(result.ReasoningExhaustedBudget);
        Assert.Equal("", result.Answer);
        Assert.Single(result.ReasoningBlocks);
    }

    [CapturesFact]
    public async Task Anthropic_thinking_then_tool_use_keeps_the_signature_and_the_order()
    {
        var result = await Parse("anthropic-claude-sonnet-4-thinking-tool-use-01.sse");
        var block = Assert.Single(result.ReasoningBlocks);
        Assert.Equal(result.Reasoning, block.Text);
        Assert.StartsWith("EtYDCkYICxgC", block.Signature, StringComparison.Ordinal);
        Assert.Equal((0, 0), (block.PrecedingAnswerLength, block.PrecedingToolCalls));
        var call = Assert.Single(result.ToolCalls);
        Assert.Equal(("toolu_01Js4AMfx5qpTLhwTusnvT68", "weather", "{\"location\": \"Florence, Italy\"}"), (call.Id, call.Name, call.Arguments));
        Assert.Equal((424, 119), (result.Usage?.PromptTokens, result.Usage?.CompletionTokens));
        Assert.Equal(FinishReasons.ToolCalls, result.FinishReason);
    }

    [CapturesFact]
    public async Task Anthropic_call_without_parameters_has_empty_object_arguments_and_thinking_tokens()
    {
        var result = await Parse("anthropic-claude-haiku-4-5-thinking-tool-use-empty-input-01.sse");
        Assert.Equal("{}", Assert.Single(result.ToolCalls).Arguments);
        Assert.Equal(53, result.Usage?.ReasoningTokens);
    }

    [CapturesFact]
    public async Task Anthropic_adaptive_leading_space_waits_for_the_answer_after_the_thinking()
    {
        var result = await Parse("anthropic-claude-opus-4-6-adaptive-text-thinking-text-01.sse");
        Assert.StartsWith("\n\n1. **Captain Scoop**", result.Answer, StringComparison.Ordinal);
        Assert.True(result.Timings.TimeToFirstReasoning <= result.Timings.TimeToFirstAnswer);
        Assert.Equal(0, Assert.Single(result.ReasoningBlocks).PrecedingAnswerLength);
    }

    [CapturesFact]
    public async Task Gemini_function_call_after_thoughts_carries_its_signature_and_finishes_as_tool_calls()
    {
        var result = await Parse("gemini-native-2.5-pro-thought-function-call-01.sse");
        Assert.NotEmpty(result.Reasoning);
        var call = Assert.Single(result.ToolCalls);
        Assert.Equal("weather", call.Name);
        Assert.StartsWith("CiIBvj72", call.Signature, StringComparison.Ordinal);
        Assert.Equal(FinishReasons.ToolCalls, result.FinishReason);
        Assert.Equal(64, result.Usage?.ReasoningTokens);
    }

    [CapturesFact]
    public async Task Gemini_signature_on_the_last_text_part_is_a_reasoning_block()
    {
        var result = await Parse("gemini-native-3-pro-preview-thoughts-json-signature-on-text-01.sse");
        using var _ = JsonDocument.Parse(result.Answer); // JSON mode: the answer is JSON
        Assert.StartsWith("EtQJCtEJAX", Assert.Single(result.ReasoningBlocks).Signature, StringComparison.Ordinal);
    }

    [CapturesFact]
    public async Task Gemini_max_tokens_with_hidden_thoughts_is_truncated_and_counts_them_in_the_output()
    {
        var result = await Parse("gemini-native-2.5-flash-max-tokens-hidden-thoughts-01.sse");
        Assert.True(result.IsTruncated);
        Assert.Equal("", result.Reasoning);
        Assert.Equal((14, 32, 46), (result.Usage?.CompletionTokens, result.Usage?.ReasoningTokens, result.Usage?.OutputTokens));
    }

    [CapturesFact]
    public async Task Ollama_native_tool_call_finishes_as_tool_calls_with_its_id()
    {
        var result = await Parse("ollama-native-gpt-oss-120b-thinking-tool-call-01.ndjson");
        Assert.StartsWith("User asks current weather", result.Reasoning, StringComparison.Ordinal);
        var call = Assert.Single(result.ToolCalls);
        Assert.Equal(("call_wi63dj03", "{\"location\":\"Florence, Italy\"}"), (call.Id, call.Arguments));
        Assert.Equal(FinishReasons.ToolCalls, result.FinishReason);
        Assert.Equal((142, 42), (result.Usage?.PromptTokens, result.Usage?.CompletionTokens));
    }
}
