using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ReasonStream.Extensions.AI.Tests.Support;

namespace ReasonStream.Extensions.AI.Tests;

/// <summary>What reasoning goes back, per provider rule, when the history arrives as Microsoft.Extensions.AI messages.</summary>
public sealed class HistoryTests
{
    private static async Task<JsonArray> SentMessagesAsync(ProviderPreset preset, params ChatMessage[] history)
    {
        var handler = new ScriptedHandler(new Sse().Answer("ok").Finish("stop"));
        using var client = handler.Client(preset);
        await client.AsIChatClient().GetResponseAsync(history);
        return handler.Requests[0]["messages"]!.AsArray();
    }

    private static ChatMessage ToolCallingAssistant(string? reasoning, string callId = "call_1", string? protectedData = null)
    {
        var contents = new List<AIContent>();
        if (reasoning is not null) contents.Add(new TextReasoningContent(reasoning) { ProtectedData = protectedData });
        contents.Add(new FunctionCallContent(callId, "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" }));
        return new ChatMessage(ChatRole.Assistant, contents);
    }

    private static ChatMessage ToolResult(string callId = "call_1") =>
        new(ChatRole.Tool, [new FunctionResultContent(callId, "sunny")]);

    private static ChatMessage AssistantAnswer(string reasoning, string answer) =>
        new(ChatRole.Assistant, [new TextReasoningContent(reasoning), new TextContent(answer)]);

    [Fact]
    public async Task DeepSeek_tool_turn_without_reasoning_still_sends_an_empty_reasoning_content()
    {
        var sent = await SentMessagesAsync(Providers.DeepSeek,
            new ChatMessage(ChatRole.User, "weather?"), ToolCallingAssistant(reasoning: null), ToolResult());

        Assert.Equal("", (string?)sent[1]!["reasoning_content"]);
        Assert.Equal("call_1", (string?)sent[1]!["tool_calls"]![0]!["id"]);
        Assert.Equal("""{"city":"Paris"}""", (string?)sent[1]!["tool_calls"]![0]!["function"]!["arguments"]);
        Assert.Equal("tool", (string?)sent[2]!["role"]);
        Assert.Equal("call_1", (string?)sent[2]!["tool_call_id"]);
        Assert.Equal("sunny", (string?)sent[2]!["content"]);
    }

    [Fact]
    public async Task DeepSeek_keeps_reasoning_of_tool_turns_and_drops_the_rest()
    {
        var sent = await SentMessagesAsync(Providers.DeepSeek,
            new ChatMessage(ChatRole.User, "weather?"),
            ToolCallingAssistant("I should call the tool."),
            ToolResult(),
            AssistantAnswer("Sunny, report it.", "Sunny."),
            new ChatMessage(ChatRole.User, "thanks"),
            AssistantAnswer("Polite reply.", "You're welcome."),
            new ChatMessage(ChatRole.User, "bye"));

        Assert.Equal("I should call the tool.", (string?)sent[1]!["reasoning_content"]);
        Assert.Equal("Sunny, report it.", (string?)sent[3]!["reasoning_content"]);
        Assert.False(sent[5]!.AsObject().ContainsKey("reasoning_content"));
        Assert.Equal("You're welcome.", (string?)sent[5]!["content"]);
    }

    [Fact]
    public async Task OpenRouter_gets_reasoning_details_back_unchanged_and_no_reasoning_content()
    {
        const string details = """[{"type":"reasoning.text","text":"Call it.","signature":"sig==","format":"anthropic-claude-v1","index":0}]""";
        var sent = await SentMessagesAsync(Providers.OpenRouter,
            new ChatMessage(ChatRole.User, "weather?"), ToolCallingAssistant("Call it.", protectedData: details), ToolResult());

        Assert.Equal(details, sent[1]!["reasoning_details"]!.ToJsonString());
        Assert.False(sent[1]!.AsObject().ContainsKey("reasoning_content"));
    }

    [Fact]
    public async Task Protected_data_that_is_not_a_details_array_is_not_sent()
    {
        var sent = await SentMessagesAsync(Providers.OpenRouter,
            new ChatMessage(ChatRole.User, "q"), ToolCallingAssistant("x", protectedData: "gAAAA-encrypted-blob"), ToolResult());

        Assert.False(sent[1]!.AsObject().ContainsKey("reasoning_details"));
    }

    [Fact]
    public async Task A_history_rule_override_applies_to_custom_endpoints()
    {
        var handler = new ScriptedHandler(new Sse().Answer("ok").Finish("stop"));
        using var client = handler.Client(new ProviderPreset("custom", "http://in-memory/v1") { DisplayName = "vLLM serving DeepSeek", DefaultModel = "deepseek" });
        var chat = client.AsIChatClient(new ReasoningChatClientOptions { HistoryRule = ReasoningHistoryRule.ToolCallTurns });

        await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "q"), ToolCallingAssistant("think"), ToolResult()]);

        Assert.Equal("think", (string?)handler.Requests[0]["messages"]![1]!["reasoning_content"]);
    }

    [Fact]
    public async Task Streamed_responses_folded_by_ToChatResponse_round_trip_into_the_next_request()
    {
        var handler = new ScriptedHandler(
            new Sse("r1").Reasoning("Plan: ", "call.").ToolCall(0, "call_7", "get_weather", """{"city": "Oslo"}""").Finish("tool_calls"),
            new Sse("r2").Answer("ok").Finish("stop"));
        using var client = handler.Client();
        var chat = client.AsIChatClient();
        List<ChatMessage> history = [new(ChatRole.User, "weather in Oslo?")];

        history.AddMessages(await chat.GetStreamingResponseAsync(history).ToChatResponseAsync());
        history.Add(ToolResult("call_7"));
        await chat.GetResponseAsync(history);

        var assistant = handler.Requests[1]["messages"]![1]!;
        Assert.Equal("Plan: call.", (string?)assistant["reasoning_content"]);
        Assert.Equal("""{"city": "Oslo"}""", (string?)assistant["tool_calls"]![0]!["function"]!["arguments"]);
        Assert.Null(assistant["content"]);
        Assert.True(assistant.AsObject().ContainsKey("content"));
    }
}
