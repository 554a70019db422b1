using System.Text.Json;
using ReasonStream.Testing;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Integration;

/// <summary>A DeepSeek thinking-mode tool loop through Conversation, asserting on what the server received.</summary>
public sealed class ConversationOverHttpTests
{
    [Fact]
    public async Task Tool_loop_sends_back_reasoning_of_tool_calling_turns_only()
    {
        await using var server = await ReplayServer.StartAsync(
            Sse.DeepSeek().Reasoning("I need the weather.").ToolCall("call_00_w", "get_weather", "{\"city\":\"Paris\"}").ToResponse(),
            Sse.DeepSeek().Reasoning("21 degrees.").Answer("It is 21 °C.").ToResponse(),
            Sse.DeepSeek().Reasoning("Greeting.").Answer("Bye!").ToResponse(),
            Sse.DeepSeek().Answer("Sure.").ToResponse());
        using var client = Replay.Client(server);
        var conversation = new Conversation(Providers.DeepSeek).AddUser("Weather in Paris?");

        var first = await client.CompleteAsync(conversation.CreateRequest("deepseek-flash"));
        Assert.Equal("get_weather", Assert.Single(first.ToolCalls).Name);
        conversation.AddAssistant(first).AddToolResult(first.ToolCalls[0].Id, "{\"temp\":21}");
        var second = await client.CompleteAsync(conversation.CreateRequest("deepseek-flash"));
        conversation.AddAssistant(second).AddUser("Thanks, bye.");
        var third = await client.CompleteAsync(conversation.CreateRequest("deepseek-flash"));
        conversation.AddAssistant(third).AddUser("One more?");
        await client.CompleteAsync(conversation.CreateRequest("deepseek-flash"));

        static JsonElement Messages(RecordedRequest r) => JsonDocument.Parse(r.Body).RootElement.GetProperty("messages");
        var request2 = Messages(server.Requests[1]);
        Assert.Equal("I need the weather.", request2[1].GetProperty("reasoning_content").GetString());
        Assert.Equal("call_00_w", request2[2].GetProperty("tool_call_id").GetString());

        var request4 = Messages(server.Requests[3]);
        Assert.Equal(7, request4.GetArrayLength());
        Assert.Equal("I need the weather.", request4[1].GetProperty("reasoning_content").GetString()); // tool-calling turn: kept
        Assert.Equal("21 degrees.", request4[3].GetProperty("reasoning_content").GetString());         // same turn's answer: kept
        Assert.False(request4[5].TryGetProperty("reasoning_content", out _));                           // turn without tools: not sent
    }
}
