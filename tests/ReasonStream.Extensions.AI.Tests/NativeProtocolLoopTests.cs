using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ReasonStream.Testing;

namespace ReasonStream.Extensions.AI.Tests;

/// <summary>
/// A whole <c>UseFunctionInvocation()</c> loop through the <see cref="IChatClient"/> adapter against each native
/// protocol, over real HTTP: the second request carries the first turn's reasoning the way that API requires —
/// Anthropic's signed thinking block before its tool_use, the Responses reasoning item before its function_call,
/// Gemini's thought signature on its functionCall — as recorded by the replay server.
/// </summary>
public sealed class NativeProtocolLoopTests
{
    private static ScriptedReply ToolTurn(WireProtocol protocol) => new ScriptedReply(protocol, "model-x")
        .Reasoning("I need the weather. ", "Call the tool.")
        .Signature("sig-turn-1")
        .ToolCall("call_paris", "get_weather", "{\"city\":\"Paris\"}")
        .Usage(30, 20, 8);

    private static ScriptedReply AnswerTurn(WireProtocol protocol) => new ScriptedReply(protocol, "model-x")
        .Reasoning("Sunny; report it.")
        .Answer("It is sunny in Paris.")
        .Usage(60, 10, 4);

    private static async Task<(JsonObject Second, ChatResponse Response, List<string> Cities)> LoopAsync(WireProtocol protocol, ProviderPreset preset, string model, bool streaming)
    {
        await using var server = await ReplayServer.StartAsync(ToolTurn(protocol).ToResponse(), AnswerTurn(protocol).ToResponse());
        using var client = new ReasoningClient(new ReasoningClientOptions { BaseUri = server.BaseUri, Provider = preset, Protocol = protocol, ApiKey = "sk-e2e", Retry = RetryPolicy.None });
        var cities = new List<string>();
        var weather = AIFunctionFactory.Create((string city) => { cities.Add(city); return "sunny, 21 °C"; }, "get_weather", "Current weather in a city.");
        using var chat = new ChatClientBuilder(client.AsIChatClient(new ReasoningChatClientOptions { DefaultModel = model })).UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [weather] };
        List<ChatMessage> history = [new(ChatRole.User, "Weather in Paris?")];
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

        Assert.Equal(2, server.Requests.Count);
        return (server.Requests[1].BodyAsJson()!.AsObject(), response, cities);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Anthropic_loop_sends_the_signed_thinking_block_back_before_the_tool_use(bool streaming)
    {
        var (second, response, cities) = await LoopAsync(WireProtocol.AnthropicMessages, Providers.Anthropic, "claude-sonnet-4-5", streaming);
        Assert.Equal(["Paris"], cities);
        Assert.Equal("It is sunny in Paris.", response.Text);
        var assistant = second["messages"]![1]!["content"]!.AsArray();
        Assert.Equal(["thinking", "tool_use"], assistant.Select(b => (string)b!["type"]!));
        Assert.Equal(("I need the weather. Call the tool.", "sig-turn-1"), ((string?)assistant[0]!["thinking"], (string?)assistant[0]!["signature"]));
        Assert.Equal("call_paris", (string?)assistant[1]!["id"]);
        var result = second["messages"]![2]!["content"]![0]!;
        Assert.Equal(("tool_result", "call_paris"), ((string?)result["type"], (string?)result["tool_use_id"]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Responses_loop_sends_the_reasoning_item_back_before_the_function_call(bool streaming)
    {
        var (second, response, cities) = await LoopAsync(WireProtocol.Responses, Providers.OpenAI, "gpt-5-mini", streaming);
        Assert.Equal(["Paris"], cities);
        Assert.Equal("It is sunny in Paris.", response.Text);
        var input = second["input"]!.AsArray();
        Assert.Equal(["user", "reasoning", "function_call", "function_call_output"], input.Select(i => (string?)i!["type"] ?? (string?)i["role"]));
        Assert.Equal("sig-turn-1", (string?)input[1]!["encrypted_content"]);
        Assert.Equal("call_paris", (string?)input[3]!["call_id"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Gemini_loop_sends_the_thought_signature_back_on_the_function_call(bool streaming)
    {
        var (second, response, cities) = await LoopAsync(WireProtocol.GeminiGenerateContent, Providers.Gemini, "gemini-3-pro-preview", streaming);
        Assert.Equal(["Paris"], cities);
        Assert.Equal("It is sunny in Paris.", response.Text);
        var contents = second["contents"]!.AsArray();
        Assert.Equal(["user", "model", "user"], contents.Select(c => (string)c!["role"]!));
        Assert.Equal("sig-turn-1", (string?)contents[1]!["parts"]![0]!["thoughtSignature"]);
        var answer = contents[2]!["parts"]![0]!["functionResponse"]!;
        Assert.Equal(("get_weather", "sunny, 21 °C"), ((string?)answer["name"], (string?)answer["response"]!["result"]));
    }

    [Fact]
    public async Task Ollama_loop_sends_the_thinking_of_the_tool_turn_back()
    {
        var (second, _, cities) = await LoopAsync(WireProtocol.OllamaChat, Providers.Ollama, "gpt-oss:20b", streaming: true);
        Assert.Equal(["Paris"], cities);
        var messages = second["messages"]!.AsArray();
        Assert.Equal("I need the weather. Call the tool.", (string?)messages[1]!["thinking"]);
        Assert.Equal("get_weather", (string?)messages[2]!["tool_name"]);
    }

    [Fact]
    public async Task Streamed_blocks_become_one_reasoning_content_each_with_its_protected_data()
    {
        await using var server = await ReplayServer.StartAsync(ToolTurn(WireProtocol.AnthropicMessages).ToResponse());
        using var client = new ReasoningClient(new ReasoningClientOptions { BaseUri = server.BaseUri, Provider = Providers.Anthropic, ApiKey = "k", Retry = RetryPolicy.None });
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.AsIChatClient().GetStreamingResponseAsync("Weather?")) updates.Add(update);
        var thought = Assert.Single(updates.ToChatResponse().Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>());
        Assert.Equal("I need the weather. Call the tool.", thought.Text);
        Assert.Contains("sig-turn-1", thought.ProtectedData, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WireProtocol.AnthropicMessages)]
    [InlineData(WireProtocol.Responses)]
    public async Task A_block_that_streamed_after_a_call_goes_back_after_it(WireProtocol protocol)
    {
        // Thinking, a call, more thinking, another call: the adapter hands calls over at the end, yet the order holds.
        var reply = new ScriptedReply(protocol, "model-x").Reasoning("A").Signature("sig-a").ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")
            .Reasoning("B").Signature("sig-b").ToolCall("call_2", "get_weather", "{\"city\":\"Rome\"}");
        await using var server = await ReplayServer.StartAsync(reply.ToResponse(), AnswerTurn(protocol).ToResponse());
        using var client = new ReasoningClient(new ReasoningClientOptions { BaseUri = server.BaseUri, Protocol = protocol, ApiKey = "k", Retry = RetryPolicy.None });
        var weather = AIFunctionFactory.Create((string city) => "sunny", "get_weather");
        using var chat = new ChatClientBuilder(client.AsIChatClient(new ReasoningChatClientOptions { DefaultModel = "claude-sonnet-4-5" })).UseFunctionInvocation().Build();
        await chat.GetResponseAsync("Weather?", new ChatOptions { Tools = [weather] });

        var second = server.Requests[1].BodyAsJson()!;
        var order = protocol == WireProtocol.AnthropicMessages
            ? second["messages"]![1]!["content"]!.AsArray().Select(b => (string)b!["type"]!)
            : second["input"]!.AsArray().Select(i => (string?)i!["type"] ?? (string)i["role"]!).Where(t => t is "reasoning" or "function_call");
        string[] expected = protocol == WireProtocol.AnthropicMessages ? ["thinking", "tool_use", "thinking", "tool_use"] : ["reasoning", "function_call", "reasoning", "function_call"];
        Assert.Equal(expected, order);
    }

    [Fact]
    public async Task A_tool_that_throws_is_sent_back_to_Anthropic_as_an_error_result()
    {
        await using var server = await ReplayServer.StartAsync(ToolTurn(WireProtocol.AnthropicMessages).ToResponse(), AnswerTurn(WireProtocol.AnthropicMessages).ToResponse());
        using var client = new ReasoningClient(new ReasoningClientOptions { BaseUri = server.BaseUri, Provider = Providers.Anthropic, ApiKey = "sk-e2e", Retry = RetryPolicy.None });
        var weather = AIFunctionFactory.Create(string (string city) => throw new InvalidOperationException("The weather service is down."), "get_weather", "Current weather in a city.");
        using var chat = new ChatClientBuilder(client.AsIChatClient(new ReasoningChatClientOptions { DefaultModel = "claude-sonnet-4-5" })).UseFunctionInvocation().Build();

        await chat.GetResponseAsync([new(ChatRole.User, "Weather in Paris?")], new ChatOptions { Tools = [weather] });

        var result = server.Requests[1].BodyAsJson()!["messages"]![2]!["content"]![0]!;
        Assert.Equal(("tool_result", "call_paris", true), ((string?)result["type"], (string?)result["tool_use_id"], (bool?)result["is_error"]));
        Assert.StartsWith("Error:", (string?)result["content"], StringComparison.Ordinal);
    }
}
