using System.Text.Json.Nodes;
using ReasonStream.Testing;
using ReasonStream.Tests.Integration;

namespace ReasonStream.Tests.Protocols;

/// <summary>
/// Signed reasoning is valid only where it was made. A conversation begun at one provider and continued at another one
/// speaking the same protocol (DeepSeek's Anthropic-compatible endpoint, then Anthropic; one Gemini endpoint, then
/// another) must not carry the first one's signatures, redacted thinking or call ids: the second would reject the request.
/// The same origin still gets them back (<see cref="ToolLoopOverHttpTests"/>).
/// </summary>
public sealed class ForeignReasoningTests
{
    private static readonly ToolDefinition Weather = new("get_weather", "Current weather in a city.",
        System.Text.Json.JsonDocument.Parse("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}").RootElement);

    private static ScriptedReply ToolTurn(WireProtocol protocol) => new ScriptedReply(protocol, "model-x")
        .Reasoning("I should look it up.")
        .Signature("sig-from-the-first")
        .ToolCall("call_first_1", "get_weather", "{\"city\":\"Paris\"}");

    private static ScriptedReply AnswerTurn(WireProtocol protocol) => new ScriptedReply(protocol, "model-x").Reasoning("Sunny.").Answer("Sunny, 21 °C.");

    /// <summary>The first turn at one provider, the tool result, and the second request at another: its recorded body.</summary>
    private static async Task<(JsonObject Body, ChatResult First)> ContinueElsewhere(WireProtocol protocol, ProviderPreset firstProvider, ProviderPreset secondProvider, string model)
    {
        await using var firstServer = await ReplayServer.StartAsync(ToolTurn(protocol).ToResponse());
        await using var secondServer = await ReplayServer.StartAsync(AnswerTurn(protocol).ToResponse());
        using var firstClient = Replay.Client(firstServer, o => (o.Provider, o.Protocol) = (firstProvider, protocol));
        using var secondClient = Replay.Client(secondServer, o => (o.Provider, o.Protocol) = (secondProvider, protocol));

        var conversation = new Conversation(secondClient.Options.EffectiveHistoryRule).AddUser("Weather in Paris?");
        var firstResult = await firstClient.CompleteAsync(conversation.CreateRequest(model) with { Tools = [Weather] });
        conversation.AddAssistant(firstResult).AddToolResult(firstResult.ToolCalls[0].Id, "{\"temp\":21}");
        var second = await secondClient.CompleteAsync(conversation.CreateRequest(model) with { Tools = [Weather] });
        Assert.Equal("Sunny, 21 °C.", second.Answer);
        return ((await secondServer.WaitForRequestAsync(0)).BodyAsJson()!.AsObject(), firstResult);
    }

    [Fact]
    public async Task A_reply_is_stamped_with_the_provider_and_host_it_came_from()
    {
        await using var server = await ReplayServer.StartAsync(ToolTurn(WireProtocol.AnthropicMessages).ToResponse());
        using var client = Replay.Client(server, o => (o.Provider, o.Protocol) = (Providers.DeepSeek, WireProtocol.AnthropicMessages));
        var result = await client.CompleteAsync(new ChatRequest("claude-sonnet-4-5", [Message.User("Weather?")]));

        string origin = "deepseek@" + server.BaseUri.Authority;
        Assert.Equal(origin, client.Options.Origin);
        Assert.Equal(origin, Assert.Single(result.ReasoningBlocks).Origin);
        Assert.Equal(origin, Assert.Single(result.ToolCalls).Origin);
    }

    [Fact]
    public async Task Anthropic_thinking_signed_by_another_Anthropic_compatible_provider_is_not_sent_and_thinking_stays_off_for_that_tool_loop()
    {
        var (body, _) = await ContinueElsewhere(WireProtocol.AnthropicMessages, Providers.DeepSeek, Providers.Anthropic, "claude-sonnet-4-5");

        var assistant = body["messages"]![1]!["content"]!.AsArray();
        Assert.Equal(["tool_use"], assistant.Select(b => (string)b!["type"]!));
        Assert.DoesNotContain("sig-from-the-first", body.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(body["thinking"]); // a tool loop whose assistant turn has no thinking of Anthropic's own cannot think
    }

    [Fact]
    public async Task Another_Gemini_endpoints_call_goes_back_without_its_signature_or_id_and_its_response_is_matched_by_name()
    {
        var (body, _) = await ContinueElsewhere(WireProtocol.GeminiGenerateContent, Providers.Custom("http://first.example", WireProtocol.GeminiGenerateContent), Providers.Gemini, "gemini-3-pro-preview");

        var contents = body["contents"]!.AsArray();
        var call = contents[1]!["parts"]![0]!;
        Assert.Equal("skip_thought_signature_validator", (string?)call["thoughtSignature"]);
        Assert.Null(call["functionCall"]!["id"]);
        var response = contents[2]!["parts"]![0]!["functionResponse"]!;
        Assert.Equal("get_weather", (string?)response["name"]);
        Assert.Null(response["id"]);
        Assert.DoesNotContain("sig-from-the-first", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Responses_reasoning_item_from_another_provider_is_not_sent()
    {
        var (body, first) = await ContinueElsewhere(WireProtocol.Responses, Providers.OpenRouter, Providers.OpenAI, "gpt-5-mini");

        Assert.NotNull(Assert.Single(first.ReasoningBlocks).ItemJson);
        var types = body["input"]!.AsArray().Select(i => (string?)i!["type"]).ToList();
        Assert.DoesNotContain("reasoning", types);
        Assert.Contains("function_call", types);
    }

    [Fact]
    public async Task Blocks_without_an_origin_made_by_hand_or_stored_before_origins_go_back_as_before()
    {
        await using var server = await ReplayServer.StartAsync(AnswerTurn(WireProtocol.AnthropicMessages).ToResponse());
        using var client = Replay.Client(server, o => (o.Provider, o.Protocol) = (Providers.Anthropic, WireProtocol.AnthropicMessages));
        var assistant = new Message(MessageRole.Assistant, "")
        {
            ReasoningBlocks = [new ReasoningBlock { Text = "I should look it up.", Protocol = WireProtocol.AnthropicMessages, Signature = "sig-by-hand" }],
            ToolCalls = [new ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}")],
        };
        var request = new ChatRequest("claude-sonnet-4-5", [Message.User("Weather in Paris?"), assistant, Message.Tool("toolu_1", "{\"temp\":21}")]) { Tools = [Weather] };

        await client.CompleteAsync(request);
        var body = (await server.WaitForRequestAsync(0)).BodyAsJson()!.AsObject();
        Assert.Equal("sig-by-hand", (string?)body["messages"]![1]!["content"]![0]!["signature"]);
    }
}
