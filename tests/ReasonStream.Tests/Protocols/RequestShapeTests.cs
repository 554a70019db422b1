using System.Text.Json.Nodes;
using ReasonStream.Testing;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Protocols;

/// <summary>
/// The request each protocol's writer sends is one its provider accepts: the thinking, effort and sampling rules per
/// model, forced tools, histories from elsewhere, empty text. Each case here is a 400 the provider documents.
/// </summary>
public sealed class RequestShapeTests
{
    private static readonly ToolDefinition Weather = new("get_weather", "Weather.");

    private static async Task<JsonObject> Sent(WireProtocol protocol, ChatRequest request, ProviderPreset? preset = null)
    {
        var handler = new InMemoryHandler(new ScriptedReply(protocol).Answer("ok").ToBytes());
        var options = new ReasoningClientOptions { BaseUri = new Uri("http://in-memory/v1/"), Protocol = protocol, Provider = preset ?? Providers.Custom("http://in-memory/v1/", protocol), Retry = RetryPolicy.None };
        using var client = new ReasoningClient(options, new HttpClient(handler));
        await client.CompleteAsync(request);
        return JsonNode.Parse(Assert.Single(handler.RequestBodies))!.AsObject();
    }

    private static ChatRequest Ask(string model) => new(model, [Message.User("Weather?")]);

    [Theory]
    [InlineData("required")]
    [InlineData("function")]
    public async Task Anthropic_budget_thinking_is_left_off_when_tool_choice_forces_a_tool(string mode)
    {
        var choice = mode == "required" ? ToolChoice.Required : ToolChoice.Function("get_weather");
        var body = await Sent(WireProtocol.AnthropicMessages, Ask("claude-sonnet-4-5") with { Tools = [Weather], ToolChoice = choice });
        Assert.Null(body["thinking"]);
        Assert.NotNull(body["tool_choice"]);

        var adaptive = await Sent(WireProtocol.AnthropicMessages, Ask("claude-opus-4-6") with { Tools = [Weather], ToolChoice = choice });
        Assert.Equal("adaptive", (string?)adaptive["thinking"]!["type"]); // adaptive thinking allows forced tools
    }

    [Fact]
    public async Task Anthropic_thinking_stays_off_for_a_tool_turn_without_its_own_thinking_block()
    {
        // The tool turn came from another protocol: Anthropic would require it to start with a thinking block.
        var history = new ChatRequest("claude-sonnet-4-5",
        [
            Message.User("Weather?"),
            Message.Assistant(null, reasoning: "chat-completions reasoning", toolCalls: [new ToolCall("call_1", "get_weather", "{}")]),
            Message.Tool("call_1", "sunny"),
        ]);
        Assert.Null((await Sent(WireProtocol.AnthropicMessages, history))["thinking"]);

        // A new question ends that turn: thinking is back.
        var next = history with { Messages = [.. history.Messages, Message.Assistant("Sunny."), Message.User("And tomorrow?")] };
        Assert.NotNull((await Sent(WireProtocol.AnthropicMessages, next))["thinking"]);
    }

    [Fact]
    public async Task Anthropic_with_thinking_on_gets_no_sampling_it_would_reject()
    {
        var thinking = await Sent(WireProtocol.AnthropicMessages, Ask("claude-sonnet-4-5") with { Temperature = 0.2, TopP = 0.5 });
        Assert.NotNull(thinking["thinking"]);
        Assert.Null(thinking["temperature"]);
        Assert.Null(thinking["top_p"]);

        var plain = await Sent(WireProtocol.AnthropicMessages, Ask("claude-sonnet-4-5") with { Temperature = 0.2, Thinking = false });
        Assert.Equal(0.2, (double)plain["temperature"]!);
    }

    [Theory]
    [InlineData(null, 4096, 3072)]      // a quarter of max_tokens stays for the answer
    [InlineData("high", null, 16384)]
    [InlineData("low", null, 2048)]
    [InlineData("high", 1500, null)]    // no budget of 1,024 fits with room for the answer: thinking off
    public async Task Anthropic_budget_leaves_room_for_the_answer(string? effort, int? maxTokens, int? budget)
    {
        var body = await Sent(WireProtocol.AnthropicMessages, Ask("claude-sonnet-4-5") with { ReasoningEffort = effort, MaxTokens = maxTokens });
        Assert.Equal(budget, (int?)body["thinking"]?["budget_tokens"]);
        Assert.True((int)body["max_tokens"]! > (budget ?? 0));
    }

    [Theory]
    [InlineData("claude-opus-4-6", "minimal", "low")]
    [InlineData("claude-opus-4-6", "xhigh", "max")]
    [InlineData("claude-opus-4-7", "xhigh", "xhigh")]
    [InlineData("claude-sonnet-4-6", "medium", "medium")]
    public async Task Anthropic_adaptive_effort_is_one_the_model_takes(string model, string effort, string sent)
    {
        var body = await Sent(WireProtocol.AnthropicMessages, Ask(model) with { ReasoningEffort = effort });
        Assert.Equal(sent, (string?)body["output_config"]!["effort"]);
    }

    [Fact]
    public async Task Anthropic_skips_an_empty_user_text()
    {
        var request = new ChatRequest("claude-sonnet-4-5", [Message.User(""), Message.Assistant("ok"), Message.User("hi")]);
        var messages = (await Sent(WireProtocol.AnthropicMessages, request))["messages"]!.AsArray();
        Assert.DoesNotContain(messages.SelectMany(m => m!["content"]!.AsArray()), b => (string?)b!["text"] == "");
        Assert.Equal("assistant", (string?)messages[0]!["role"]);
    }

    [Theory]
    [InlineData("gpt-5-mini", "none", "minimal")]
    [InlineData("gpt-5.1", "none", "none")]
    [InlineData("gpt-5-mini", "max", "high")]
    [InlineData("gpt-5.2", "max", "xhigh")]
    [InlineData("o4-mini", "high", "high")]
    public async Task Responses_effort_is_one_the_OpenAI_model_takes(string model, string effort, string sent)
    {
        var body = await Sent(WireProtocol.Responses, Ask(model) with { ReasoningEffort = effort }, Providers.OpenAI);
        Assert.Equal(sent, (string?)body["reasoning"]!["effort"]);
    }

    [Fact]
    public async Task Responses_effort_goes_as_given_to_other_servers()
    {
        var body = await Sent(WireProtocol.Responses, Ask("deepseek-flash") with { ReasoningEffort = "max" }, Providers.DeepSeek);
        Assert.Equal("max", (string?)body["reasoning"]!["effort"]);
        Assert.Null(body["store"]);
    }

    [Fact]
    public async Task OpenAI_reasoning_models_keep_no_state_and_get_their_reasoning_encrypted()
    {
        var reasoning = await Sent(WireProtocol.Responses, Ask("gpt-5-mini"), Providers.OpenAI);
        Assert.False((bool)reasoning["store"]!);
        Assert.Equal("reasoning.encrypted_content", (string?)reasoning["include"]![0]);

        var plain = await Sent(WireProtocol.Responses, Ask("gpt-4.1"), Providers.OpenAI); // encrypted content would be a 400
        Assert.Null(plain["store"]);
        Assert.Null(plain["include"]);
        Assert.Null(plain["reasoning"]);
    }

    [Theory]
    [InlineData("gemini-2.5-flash", 0)]
    [InlineData("gemini-2.5-pro", 128)]
    public async Task Gemini_thinking_off_is_a_budget_the_model_accepts(string model, int budget)
    {
        var config = (await Sent(WireProtocol.GeminiGenerateContent, Ask(model) with { Thinking = false }))["generationConfig"]!["thinkingConfig"]!;
        Assert.Equal(budget, (int)config["thinkingBudget"]!);
        Assert.False((bool)config["includeThoughts"]!);
    }

    [Theory]
    [InlineData(WireProtocol.ChatCompletions, "tool_choice")]
    [InlineData(WireProtocol.Responses, "tool_choice")]
    [InlineData(WireProtocol.AnthropicMessages, "tool_choice")]
    [InlineData(WireProtocol.GeminiGenerateContent, "toolConfig")]
    public async Task A_tool_choice_without_tools_is_not_sent(WireProtocol protocol, string field)
    {
        var body = await Sent(protocol, Ask("model-x") with { ToolChoice = ToolChoice.Auto });
        Assert.Null(body[field]);
    }

    [Fact]
    public async Task Responses_items_without_ids_are_read_once()
    {
        string body =
            "event: response.output_item.done\ndata: {\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"type\":\"reasoning\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"think\"}]}}\n\n" +
            "event: response.output_item.done\ndata: {\"type\":\"response.output_item.done\",\"output_index\":1,\"item\":{\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"Paris.\"}]}}\n\n" +
            "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"output\":[{\"type\":\"reasoning\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"think\"}]},{\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"Paris.\"}]}]}}\n\n";
        var result = await EveryWay.ResultAsync(body, protocol: WireProtocol.Responses);
        Assert.Equal(("think", "Paris.", 1), (result.Reasoning, result.Answer, result.ReasoningBlocks.Count));
    }

    [Fact]
    public async Task A_failed_tool_is_told_as_a_failure_where_the_protocol_can_say_so()
    {
        ChatRequest History(string model) => new(model,
        [
            Message.User("Weather?"),
            Message.Assistant(null, toolCalls: [new ToolCall("call_1", "get_weather", "{}")]),
            Message.ToolError("call_1", "The weather service timed out."),
        ]);

        var anthropic = await Sent(WireProtocol.AnthropicMessages, History("claude-sonnet-4-5"));
        var result = anthropic["messages"]!.AsArray()[^1]!["content"]!.AsArray()[0]!;
        Assert.Equal(("tool_result", true, "The weather service timed out."), ((string?)result["type"], (bool?)result["is_error"], (string?)result["content"]));

        var gemini = await Sent(WireProtocol.GeminiGenerateContent, History("gemini-2.5-flash"));
        var response = gemini["contents"]!.AsArray()[^1]!["parts"]!.AsArray()[0]!["functionResponse"]!["response"]!;
        Assert.Equal("The weather service timed out.", (string?)response["error"]);

        // Chat completions has no such field: the text alone says it.
        var chat = await Sent(WireProtocol.ChatCompletions, History("deepseek-flash"));
        var tool = chat["messages"]!.AsArray()[^1]!;
        Assert.Equal(("tool", "The weather service timed out."), ((string?)tool["role"], (string?)tool["content"]));
        Assert.Null(tool["is_error"]);
    }

    [Fact]
    public async Task A_successful_tool_result_carries_no_error_flag()
    {
        var history = new ChatRequest("claude-sonnet-4-5",
        [
            Message.User("Weather?"),
            Message.Assistant(null, toolCalls: [new ToolCall("call_1", "get_weather", "{}")]),
            Message.Tool("call_1", "sunny"),
        ]);

        var result = (await Sent(WireProtocol.AnthropicMessages, history))["messages"]!.AsArray()[^1]!["content"]!.AsArray()[0]!;
        Assert.Null(result["is_error"]);
    }
}
