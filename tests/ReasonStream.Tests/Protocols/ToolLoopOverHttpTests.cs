using System.Text.Json.Nodes;
using ReasonStream.Testing;
using ReasonStream.Tests.Integration;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Protocols;

/// <summary>
/// A tool loop with a thinking model, over real HTTP, in each protocol: the first turn thinks and calls a tool, the
/// second request carries the history — and the recorded bodies show each protocol's rule for sending the reasoning
/// back was kept, in the provider's own shapes, with its endpoint and authentication.
/// </summary>
public sealed class ToolLoopOverHttpTests
{
    internal static readonly ToolDefinition Weather = new("get_weather", "Current weather in a city.",
        System.Text.Json.JsonDocument.Parse("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}").RootElement);

    private static ScriptedReply FirstTurn(WireProtocol protocol) => new ScriptedReply(protocol, "model-x")
        .Reasoning("I should ", "look it up.")
        .Signature("sig-1")
        .ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")
        .Usage(30, 20, 8);

    private static ScriptedReply SecondTurn(WireProtocol protocol) => new ScriptedReply(protocol, "model-x")
        .Reasoning("It is sunny.")
        .Answer("Sunny, 21 °C.")
        .Usage(60, 10, 4);

    private static async Task<(JsonObject Second, RecordedRequest Request)> RunLoop(WireProtocol protocol, ProviderPreset preset, string model = "model-x")
    {
        await using var server = await ReplayServer.StartAsync(FirstTurn(protocol).ToResponse(), SecondTurn(protocol).ToResponse());
        using var client = Replay.Client(server, o =>
        {
            o.Provider = preset;
            o.Protocol = protocol;
        });
        var conversation = new Conversation(client.Options.EffectiveHistoryRule).AddSystem("Be brief.").AddUser("Weather in Paris?");
        var first = await client.CompleteAsync(conversation.CreateRequest(model) with { Tools = [Weather] });
        Assert.Equal(FinishReasons.ToolCalls, first.FinishReason);
        conversation.AddAssistant(first).AddToolResult(first.ToolCalls[0].Id, "{\"temp\":21}");
        var second = await client.CompleteAsync(conversation.CreateRequest(model) with { Tools = [Weather] });
        Assert.Equal("Sunny, 21 °C.", second.Answer);
        var request = await server.WaitForRequestAsync(1);
        return (request.BodyAsJson()!.AsObject(), request);
    }

    [Fact]
    public async Task Anthropic_gets_the_thinking_block_with_its_signature_before_the_tool_use_and_the_result_as_a_block()
    {
        var (body, request) = await RunLoop(WireProtocol.AnthropicMessages, Providers.Anthropic, "claude-sonnet-4-5");
        Assert.EndsWith("/v1/messages", request.Path, StringComparison.Ordinal);
        Assert.Equal(Replay.Key, request.Header("x-api-key"));
        Assert.Equal("2023-06-01", request.Header("anthropic-version"));
        Assert.Null(request.Header("Authorization"));
        Assert.Equal("Be brief.", (string?)body["system"]);
        Assert.Equal("enabled", (string?)body["thinking"]!["type"]);
        Assert.True((int)body["max_tokens"]! > (int)body["thinking"]!["budget_tokens"]!);
        Assert.Equal("get_weather", (string?)body["tools"]![0]!["name"]);
        Assert.NotNull(body["tools"]![0]!["input_schema"]);

        var messages = body["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "user"], messages.Select(m => (string)m!["role"]!));
        var assistant = messages[1]!["content"]!.AsArray();
        Assert.Equal(["thinking", "tool_use"], assistant.Select(b => (string)b!["type"]!));
        Assert.Equal("I should look it up.", (string?)assistant[0]!["thinking"]);
        Assert.Equal("sig-1", (string?)assistant[0]!["signature"]);
        Assert.Equal("Paris", (string?)assistant[1]!["input"]!["city"]);
        var result = messages[2]!["content"]![0]!;
        Assert.Equal(("tool_result", "call_1", "{\"temp\":21}"), ((string?)result["type"], (string?)result["tool_use_id"], (string?)result["content"]));
    }

    [Fact]
    public async Task Responses_gets_the_reasoning_item_before_its_function_call_and_the_output_as_an_item()
    {
        var (body, request) = await RunLoop(WireProtocol.Responses, Providers.OpenAI, "gpt-5-mini");
        Assert.EndsWith("/responses", request.Path, StringComparison.Ordinal);
        Assert.Equal("Bearer " + Replay.Key, request.Header("Authorization"));
        Assert.Equal("Be brief.", (string?)body["instructions"]);
        Assert.Equal("auto", (string?)body["reasoning"]!["summary"]);
        Assert.Equal("function", (string?)body["tools"]![0]!["type"]);
        Assert.Equal("get_weather", (string?)body["tools"]![0]!["name"]); // flat, unlike chat completions

        var input = body["input"]!.AsArray();
        Assert.Equal(["user", "reasoning", "function_call", "function_call_output"], input.Select(i => (string?)i!["type"] ?? (string?)i["role"]));
        var reasoning = input[1]!.AsObject();
        Assert.Equal("sig-1", (string?)reasoning["encrypted_content"]);
        Assert.False(reasoning.ContainsKey("status"), "output-only fields are not sent back");
        Assert.Equal(("call_1", "get_weather"), ((string?)input[2]!["call_id"], (string?)input[2]!["name"]));
        Assert.Equal("{\"temp\":21}", (string?)input[3]!["output"]);
    }

    [Fact]
    public async Task Responses_without_storage_asks_for_the_reasoning_encrypted()
    {
        await using var server = await ReplayServer.StartAsync(SecondTurn(WireProtocol.Responses).ToResponse());
        using var client = Replay.Client(server, o => o.Protocol = WireProtocol.Responses);
        await client.CompleteAsync(new ChatRequest("gpt-5", [Message.User("Hi")]) { ExtraBody = new Dictionary<string, JsonNode?> { ["store"] = false } });
        var body = (await server.WaitForRequestAsync(0)).BodyAsJson()!;
        Assert.False((bool)body["store"]!);
        Assert.Equal("reasoning.encrypted_content", (string?)body["include"]![0]);
    }

    [Fact]
    public async Task Gemini_gets_the_thought_signature_on_the_function_call_and_the_response_by_name()
    {
        var (body, request) = await RunLoop(WireProtocol.GeminiGenerateContent, Providers.Gemini, "gemini-3-pro-preview");
        Assert.EndsWith("/models/gemini-3-pro-preview:streamGenerateContent", request.Path, StringComparison.Ordinal);
        Assert.Equal("?alt=sse", request.QueryString);
        Assert.Equal(Replay.Key, request.Header("x-goog-api-key"));
        Assert.Equal("Be brief.", (string?)body["systemInstruction"]!["parts"]![0]!["text"]);
        Assert.True((bool)body["generationConfig"]!["thinkingConfig"]!["includeThoughts"]!);
        Assert.Equal("get_weather", (string?)body["tools"]![0]!["functionDeclarations"]![0]!["name"]);

        var contents = body["contents"]!.AsArray();
        Assert.Equal(["user", "model", "user"], contents.Select(c => (string)c!["role"]!));
        var call = contents[1]!["parts"]![0]!;
        Assert.Equal("sig-1", (string?)call["thoughtSignature"]);
        Assert.Equal(("get_weather", "call_1", "Paris"), ((string?)call["functionCall"]!["name"], (string?)call["functionCall"]!["id"], (string?)call["functionCall"]!["args"]!["city"]));
        var response = contents[2]!["parts"]![0]!["functionResponse"]!;
        Assert.Equal(("get_weather", "call_1", 21), ((string?)response["name"], (string?)response["id"], (int)response["response"]!["temp"]!));
    }

    [Fact]
    public async Task Ollama_gets_the_thinking_and_object_arguments_of_the_tool_turn_and_the_tool_name()
    {
        var (body, request) = await RunLoop(WireProtocol.OllamaChat, Providers.Ollama, "gpt-oss:20b");
        Assert.EndsWith("/api/chat", request.Path, StringComparison.Ordinal);
        var messages = body["messages"]!.AsArray();
        Assert.Equal(["system", "user", "assistant", "tool"], messages.Select(m => (string)m!["role"]!));
        Assert.Equal("I should look it up.", (string?)messages[2]!["thinking"]);
        Assert.Equal("Paris", (string?)messages[2]!["tool_calls"]![0]!["function"]!["arguments"]!["city"]);
        Assert.Equal("get_weather", (string?)messages[3]!["tool_name"]);
    }

    [Fact]
    public async Task DeepSeek_over_chat_completions_gets_reasoning_content_on_the_tool_turn()
    {
        var (body, request) = await RunLoop(WireProtocol.ChatCompletions, Providers.DeepSeek, "deepseek-flash");
        Assert.EndsWith("/chat/completions", request.Path, StringComparison.Ordinal);
        var assistant = body["messages"]![2]!;
        Assert.Equal("I should look it up.", (string?)assistant["reasoning_content"]);
        Assert.Equal("call_1", (string?)assistant["tool_calls"]![0]!["id"]);
    }

    [Fact]
    public async Task Reasoning_blocks_of_another_protocol_are_never_sent()
    {
        // A conversation that began on Anthropic and goes on over chat completions: the signature means nothing there.
        await using var server = await ReplayServer.StartAsync(FirstTurn(WireProtocol.AnthropicMessages).ToResponse(), SecondTurn(WireProtocol.Responses).ToResponse());
        using var anthropic = Replay.Client(server, o => o.Protocol = WireProtocol.AnthropicMessages);
        var conversation = new Conversation(ReasoningHistoryRule.Always).AddUser("Weather?");
        var first = await anthropic.CompleteAsync(conversation.CreateRequest("claude-sonnet-4-5"));
        conversation.AddAssistant(first).AddToolResult("call_1", "sunny");
        using var responses = Replay.Client(server, o => o.Protocol = WireProtocol.Responses);
        await responses.CompleteAsync(conversation.CreateRequest("gpt-5"));
        var input = (await server.WaitForRequestAsync(1)).BodyAsJson()!["input"]!.AsArray();
        Assert.DoesNotContain(input, i => (string?)i!["type"] == "reasoning");
    }
}
