using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ReasonStream.Extensions.AI.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Extensions.AI.Tests;

/// <summary>
/// A whole <c>UseFunctionInvocation()</c> conversation with a thinking model, over real HTTP against the replay server,
/// checked on the request bodies the server recorded.
/// </summary>
public sealed class EndToEndTests
{
    private const string Turn1ToolReasoning = "The user asks for the weather in Paris. I will call get_weather.";
    private const string Turn1AnswerReasoning = "The tool says sunny, 21 degrees. Report it.";

    private static async Task<ChatResponse> AskAsync(IChatClient chat, List<ChatMessage> history, ChatOptions options, bool streaming)
    {
        ChatResponse response;
        if (streaming)
        {
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in chat.GetStreamingResponseAsync(history, options)) updates.Add(update);
            response = updates.ToChatResponse();
        }
        else
        {
            response = await chat.GetResponseAsync(history, options);
        }

        history.AddMessages(response);
        return response;
    }

    private static JsonArray MessagesOf(RecordedRequest request) => request.BodyAsJson()!["messages"]!.AsArray();

    private static string Roles(JsonArray messages) => string.Join(",", messages.Select(m => (string?)m!["role"]));

    private static bool HasReasoning(JsonNode? message) => message!.AsObject().ContainsKey("reasoning_content");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DeepSeek_tool_loop_resends_reasoning_of_tool_calling_turns_only(bool streaming)
    {
        await using var server = await ReplayServer.StartAsync(
            Fixtures.DeepSeekWeatherToolCall(),
            Fixtures.DeepSeekWeatherAnswer(),
            Fixtures.DeepSeekThanks(),
            Fixtures.DeepSeekBye());
        using var client = Fixtures.ClientFor(server, Providers.DeepSeek);
        var cities = new List<string>();
        var weather = AIFunctionFactory.Create((string city) => { cities.Add(city); return "sunny, 21 °C"; }, "get_weather", "Current weather in a city.");
        using var chat = new ChatClientBuilder(client.AsIChatClient()).UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [weather] };
        List<ChatMessage> history = [new(ChatRole.User, "What's the weather in Paris?")];

        var first = await AskAsync(chat, history, options, streaming);
        history.Add(new(ChatRole.User, "Thanks!"));
        var second = await AskAsync(chat, history, options, streaming);
        history.Add(new(ChatRole.User, "Bye."));
        await AskAsync(chat, history, options, streaming);

        Assert.Equal(["Paris"], cities);
        Assert.Equal("It is sunny in Paris, 21 °C.", first.Text);
        Assert.Equal("You're welcome!", second.Text);
        var requests = server.Requests;
        Assert.Equal(4, requests.Count);

        // Request 2 (same turn): the tool-calling message with its reasoning, then the tool result.
        var r2 = MessagesOf(requests[1]);
        Assert.Equal("user,assistant,tool", Roles(r2));
        Assert.Equal(Turn1ToolReasoning, (string?)r2[1]!["reasoning_content"]);
        Assert.Equal("call_00_paris", (string?)r2[1]!["tool_calls"]![0]!["id"]);
        Assert.Equal("""{"city":"Paris"}""", (string?)r2[1]!["tool_calls"]![0]!["function"]!["arguments"]);
        Assert.Equal("call_00_paris", (string?)r2[2]!["tool_call_id"]);
        Assert.Equal("sunny, 21 °C", (string?)r2[2]!["content"]);

        // Request 3 (next user turn): every assistant message of the tool-calling turn keeps its reasoning.
        var r3 = MessagesOf(requests[2]);
        Assert.Equal("user,assistant,tool,assistant,user", Roles(r3));
        Assert.Equal(Turn1ToolReasoning, (string?)r3[1]!["reasoning_content"]);
        Assert.Equal(Turn1AnswerReasoning, (string?)r3[3]!["reasoning_content"]);
        Assert.Equal("It is sunny in Paris, 21 °C.", (string?)r3[3]!["content"]);

        // Request 4: still the tool turn's reasoning; none for the turn without tool calls.
        var r4 = MessagesOf(requests[3]);
        Assert.Equal("user,assistant,tool,assistant,user,assistant,user", Roles(r4));
        Assert.Equal(Turn1ToolReasoning, (string?)r4[1]!["reasoning_content"]);
        Assert.Equal(Turn1AnswerReasoning, (string?)r4[3]!["reasoning_content"]);
        Assert.False(HasReasoning(r4[5]));
        Assert.Equal("You're welcome!", (string?)r4[5]!["content"]);
        Assert.All(requests, r => Assert.Equal("enabled", (string?)r.BodyAsJson()!["thinking"]!["type"]));
        Assert.All(requests, r => Assert.Equal("get_weather", (string?)r.BodyAsJson()!["tools"]![0]!["function"]!["name"]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OpenRouter_tool_loop_passes_reasoning_details_back_unchanged(bool streaming)
    {
        await using var server = await ReplayServer.StartAsync(
            Fixtures.Sse("openrouter-weather-1-tool-call.sse"),
            Fixtures.Sse("openrouter-weather-2-answer.sse"),
            Fixtures.Sse("openrouter-weather-1-tool-call.sse"));
        using var client = Fixtures.ClientFor(server, Providers.OpenRouter);
        var weather = AIFunctionFactory.Create((string city) => "sunny", "get_weather");
        using var chat = new ChatClientBuilder(client.AsIChatClient()).UseFunctionInvocation().Build();
        List<ChatMessage> history = [new(ChatRole.User, "Weather in Paris?")];

        var response = await AskAsync(chat, history, new ChatOptions { Tools = [weather] }, streaming);

        // What the library itself folds from the same stream is what must go back, byte for byte.
        var received = await client.CompleteAsync(new ChatRequest("x", [Message.User("again")]));
        Assert.NotNull(received.ReasoningDetails);
        var assistant = MessagesOf(server.Requests[1])[1]!;
        Assert.Equal(received.ReasoningDetails, assistant["reasoning_details"]!.ToJsonString());
        Assert.Contains("EqQBCkYIBxgCKkB0c2lnbmF0dXJl", received.ReasoningDetails);
        Assert.Contains("I need the weather in Paris: call the tool.", received.ReasoningDetails);
        Assert.False(HasReasoning(assistant));
        Assert.Equal("toolu_01Paris", (string?)assistant["tool_calls"]![0]!["id"]);
        Assert.Equal("Sunny in Paris.", response.Text);
    }
}
