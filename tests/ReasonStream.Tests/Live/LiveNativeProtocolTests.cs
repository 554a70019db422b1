using System.Text.Json;

namespace ReasonStream.Tests.Live;

/// <summary>
/// The native protocols against the real services, end to end, each skipped with its reason without a key: thinking
/// streams before the answer, usage counts it, and a tool loop passes the reasoning back as the API requires (a wrong
/// history would be a 400).
/// </summary>
public sealed class LiveNativeProtocolTests
{
    private static readonly ToolDefinition Weather = new("get_weather", "Current weather in a city.",
        JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement);

    private static async Task<ChatResult> Ask(ProviderPreset preset, string model, ChatRequest? request = null)
    {
        using var client = new ReasoningClient(ReasoningClientOptions.ForProvider(preset));
        var result = await client.CompleteAsync(request ?? new ChatRequest(model, [Message.User("What is 17 * 23? Think, then answer with the number only.")]) { MaxTokens = 4096 })
            .WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(result.IsComplete);
        return result;
    }

    private static async Task ToolLoop(ProviderPreset preset, string model)
    {
        using var client = new ReasoningClient(ReasoningClientOptions.ForProvider(preset));
        var conversation = new Conversation(client).AddUser("What's the weather in Paris? Use the tool.");
        var first = await client.CompleteAsync(conversation.CreateRequest(model) with { Tools = [Weather], MaxTokens = 4096 }).WaitAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(FinishReasons.ToolCalls, first.FinishReason);
        conversation.AddAssistant(first);
        foreach (var call in first.ToolCalls) conversation.AddToolResult(call.Id, """{"temp": 21, "sky": "clear"}""");
        var second = await client.CompleteAsync(conversation.CreateRequest(model) with { Tools = [Weather], MaxTokens = 4096 }).WaitAsync(TimeSpan.FromMinutes(5));
        Assert.Contains("21", second.Answer, StringComparison.Ordinal);
    }

    [LiveFact("openai")]
    public async Task OpenAI_streams_a_reasoning_summary_through_the_Responses_API()
    {
        var result = await Ask(Providers.OpenAI, "gpt-5-mini", new ChatRequest("gpt-5-mini", [Message.User("Prove that the square root of 2 is irrational, briefly.")]) { ReasoningEffort = "medium", MaxTokens = 8000 });
        Assert.NotEmpty(result.Reasoning);
        Assert.True(result.Usage?.ReasoningTokens > 0);
    }

    [LiveFact("openai")]
    public Task OpenAI_tool_loop_passes_the_reasoning_item_back() => ToolLoop(Providers.OpenAI, "gpt-5-mini");

    [LiveFact("anthropic")]
    public async Task Anthropic_streams_thinking_with_a_signature()
    {
        var result = await Ask(Providers.Anthropic, "claude-sonnet-4-5");
        Assert.NotEmpty(result.Reasoning);
        Assert.Contains(result.ReasoningBlocks, b => b.Signature is { Length: > 0 });
        Assert.Contains("391", result.Answer, StringComparison.Ordinal);
    }

    [LiveFact("anthropic")]
    public Task Anthropic_tool_loop_passes_the_signed_thinking_back() => ToolLoop(Providers.Anthropic, "claude-sonnet-4-5");

    [LiveFact("gemini")]
    public async Task Gemini_streams_thought_parts()
    {
        var result = await Ask(Providers.Gemini, "gemini-2.5-flash");
        Assert.NotEmpty(result.Reasoning);
        Assert.True(result.Usage?.ReasoningTokens > 0);
        Assert.Contains("391", result.Answer, StringComparison.Ordinal);
    }

    [LiveFact("gemini")]
    public Task Gemini_tool_loop_passes_the_thought_signature_back() => ToolLoop(Providers.Gemini, "gemini-3-pro-preview");
}
