using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ReasonStream.Testing;

namespace ReasonStream.Extensions.AI.Tests;

/// <summary>
/// An app with two <see cref="IChatClient"/>s — one history, two providers speaking the same protocol — must not send one
/// provider's signatures to the other, even after the history was stored as JSON and read back: where a block or a signed
/// call came from travels with it (in <see cref="TextReasoningContent.ProtectedData"/>, in a call's additional properties).
/// </summary>
public sealed class ForeignReasoningTests
{
    private static ScriptedReply ToolTurn(WireProtocol protocol) => new ScriptedReply(protocol, "model-x")
        .Reasoning("Call the tool.")
        .Signature("sig-of-the-first")
        .ToolCall("call_paris", "get_weather", "{\"city\":\"Paris\"}");

    private static ReplayResponse Answer(WireProtocol protocol) => new ScriptedReply(protocol, "model-x").Answer("Sunny.").ToResponse();

    private static ReasoningChatClient Chat(ReplayServer server, ProviderPreset provider, WireProtocol protocol, string model) =>
        new ReasoningClient(new ReasoningClientOptions { BaseUri = server.BaseUri, Provider = provider, Protocol = protocol, ApiKey = "sk-e2e", Retry = RetryPolicy.None })
            .AsIChatClient(new ReasoningChatClientOptions { DefaultModel = model });

    /// <summary>The first turn at <paramref name="first"/>, the history stored as JSON and read back, the tool's result, then the next turn at each of <paramref name="next"/>.</summary>
    private static async Task<List<string>> SecondRequests(WireProtocol protocol, string model, ProviderPreset first, params ProviderPreset[] next)
    {
        await using var firstServer = await ReplayServer.StartAsync(ToolTurn(protocol).ToResponse());
        using var firstChat = Chat(firstServer, first, protocol, model);
        var tools = new ChatOptions { Tools = [AIFunctionFactory.Create((string city) => "sunny", "get_weather")] };
        List<ChatMessage> history = [new(ChatRole.User, "Weather in Paris?")];
        var response = await firstChat.GetResponseAsync(history, tools);
        history.AddRange(response.Messages);
        history = JsonSerializer.Deserialize<List<ChatMessage>>(JsonSerializer.Serialize(history, AIJsonUtilities.DefaultOptions), AIJsonUtilities.DefaultOptions)!;
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_paris", "sunny")]));

        var bodies = new List<string>();
        foreach (var provider in next)
        {
            // The same provider is reached at the first server's address; another one at a server of its own.
            await using var server = provider == first ? null : await ReplayServer.StartAsync(Answer(protocol));
            var target = server ?? firstServer;
            if (server is null) target.Enqueue(Answer(protocol));
            using var chat = Chat(target, provider, protocol, model);
            await chat.GetResponseAsync(history, tools);
            bodies.Add(target.Requests[^1].Body);
        }

        return bodies;
    }

    [Fact]
    public async Task Anthropic_thinking_from_another_provider_stays_home_after_a_stored_history_and_goes_back_to_its_own()
    {
        var bodies = await SecondRequests(WireProtocol.AnthropicMessages, "claude-sonnet-4-5", Providers.DeepSeek, Providers.Anthropic, Providers.DeepSeek);

        Assert.DoesNotContain("sig-of-the-first", bodies[0], StringComparison.Ordinal);
        var own = JsonNode.Parse(bodies[1])!["messages"]![1]!["content"]!.AsArray();
        Assert.Equal(("thinking", "sig-of-the-first"), ((string?)own[0]!["type"], (string?)own[0]!["signature"]));
    }

    [Fact]
    public async Task A_Gemini_call_signature_from_another_endpoint_stays_home_after_a_stored_history_and_goes_back_to_its_own()
    {
        var elsewhere = Providers.Custom("http://first.example", WireProtocol.GeminiGenerateContent);
        var bodies = await SecondRequests(WireProtocol.GeminiGenerateContent, "gemini-3-pro-preview", elsewhere, Providers.Gemini, elsewhere);

        var foreign = JsonNode.Parse(bodies[0])!["contents"]![1]!["parts"]![0]!;
        Assert.Equal(("skip_thought_signature_validator", "call_paris"), ((string?)foreign["thoughtSignature"], (string?)foreign["functionCall"]!["id"]));
        var own = JsonNode.Parse(bodies[1])!["contents"]![1]!["parts"]![0]!;
        Assert.Equal(("sig-of-the-first", "call_paris"), ((string?)own["thoughtSignature"], (string?)own["functionCall"]!["id"]));
    }
}
