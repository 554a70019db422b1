using System.Text.Json;
using Microsoft.Extensions.AI;
using ReasonStream.Extensions.AI.Tests.Support;

namespace ReasonStream.Extensions.AI.Tests;

public sealed class StreamingTests
{
    [Fact]
    public async Task Reasoning_and_answer_stream_as_separate_contents_in_order()
    {
        var handler = new ScriptedHandler(new Sse().Reasoning("Think", "ing.").Answer("Hel", "lo").Finish("stop"));
        using var client = handler.Client();
        var chat = client.AsIChatClient();

        var kinds = new List<string>();
        await foreach (var update in chat.GetStreamingResponseAsync("hi"))
        {
            foreach (var content in update.Contents)
            {
                kinds.Add(content switch
                {
                    TextReasoningContent r => "R:" + r.Text,
                    TextContent t => "A:" + t.Text,
                    UsageContent => "usage",
                    _ => content.GetType().Name,
                });
            }
        }

        Assert.Equal(["R:Think", "R:ing.", "A:Hel", "A:lo", "usage"], kinds);
    }

    [Fact]
    public async Task Updates_carry_response_id_model_and_one_message_id()
    {
        var handler = new ScriptedHandler(new Sse("resp-42", "deepseek-v4-pro").Reasoning("a").Answer("b").Finish("stop"));
        using var client = handler.Client();

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.AsIChatClient().GetStreamingResponseAsync("hi")) updates.Add(update);

        Assert.All(updates, u => Assert.Equal("resp-42", u.ResponseId));
        Assert.All(updates, u => Assert.Equal("deepseek-v4-pro", u.ModelId));
        Assert.All(updates, u => Assert.Equal(ChatRole.Assistant, u.Role));
        Assert.Single(updates.Select(u => u.MessageId).Distinct());
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
    }

    [Fact]
    public async Task Tool_calls_arrive_once_complete_with_parsed_arguments_at_the_end()
    {
        var handler = new ScriptedHandler(new Sse()
            .Reasoning("Need weather.")
            .ToolCall(0, "call_00_a", "get_weather", """{"city":"Paris","days":2}""")
            .ToolCall(1, "call_01_b", "get_time", """{"zone":"CET"}""")
            .Finish("tool_calls"));
        using var client = handler.Client();

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.AsIChatClient().GetStreamingResponseAsync("weather?")) updates.Add(update);

        var calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(updates.Take(updates.Count - 1), u => Assert.Empty(u.Contents.OfType<FunctionCallContent>()));
        Assert.Equal("call_00_a", calls[0].CallId);
        Assert.Equal("get_weather", calls[0].Name);
        Assert.Equal("Paris", ((JsonElement)calls[0].Arguments!["city"]!).GetString());
        Assert.Equal(2, ((JsonElement)calls[0].Arguments!["days"]!).GetInt32());
        Assert.Null(calls[0].Exception);
        Assert.Equal("get_time", calls[1].Name);
        Assert.Equal(ChatFinishReason.ToolCalls, updates[^1].FinishReason);
    }

    [Fact]
    public async Task Malformed_tool_arguments_are_reported_on_the_call_not_thrown()
    {
        var handler = new ScriptedHandler(new Sse().ToolCall(0, "call_1", "f", """{"x": """).Finish("tool_calls"));
        using var client = handler.Client();

        var response = await client.AsIChatClient().GetResponseAsync("go");

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.NotNull(call.Exception);
    }

    [Fact]
    public async Task Usage_has_reasoning_and_cached_tokens_and_DeepSeek_cache_counts()
    {
        var handler = new ScriptedHandler(new Sse().Reasoning("r").Answer("a").Finish("stop", prompt: 100, completion: 50, reasoning: 40, cached: 64));
        using var client = handler.Client();

        var response = await client.AsIChatClient().GetResponseAsync("q");

        var usage = response.Usage!;
        Assert.Equal(100, usage.InputTokenCount);
        Assert.Equal(50, usage.OutputTokenCount);
        Assert.Equal(150, usage.TotalTokenCount);
        Assert.Equal(40, usage.ReasoningTokenCount);
        Assert.Equal(64, usage.CachedInputTokenCount);
        Assert.Equal(64, usage.AdditionalCounts!["prompt_cache_hit_tokens"]);
        Assert.Equal(36, usage.AdditionalCounts!["prompt_cache_miss_tokens"]);
    }

    [Fact]
    public async Task GetResponseAsync_folds_the_stream_into_one_message()
    {
        var handler = new ScriptedHandler(new Sse("resp-9").Reasoning("Let me ", "think.").Answer("Forty", "-two.").Finish("length"));
        using var client = handler.Client();

        var response = await client.AsIChatClient().GetResponseAsync([new ChatMessage(ChatRole.User, "q")]);

        var message = Assert.Single(response.Messages);
        Assert.Equal("Forty-two.", message.Text);
        Assert.Equal("Let me think.", string.Concat(message.Contents.OfType<TextReasoningContent>().Select(r => r.Text)));
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal("resp-9", response.ResponseId);
        Assert.Equal("deepseek-flash", response.ModelId);
    }

    [Fact]
    public async Task Http_errors_surface_as_the_library_typed_exceptions()
    {
        var handler = new ScriptedHandler().ThenError(System.Net.HttpStatusCode.Unauthorized,
            """{"error":{"message":"Authentication Fails","type":"authentication_error"}}""");
        using var client = handler.Client();

        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => client.AsIChatClient().GetResponseAsync("q"));
        Assert.DoesNotContain("sk-test-secret-key", error.Message);
    }

    [Fact]
    public async Task Cancelling_the_stream_throws_OperationCanceledException()
    {
        var handler = new ScriptedHandler(new Sse().Reasoning("a", "b", "c").Answer("d").Finish("stop"));
        using var client = handler.Client();
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.AsIChatClient().GetStreamingResponseAsync("q", cancellationToken: cts.Token))
            {
                if (update.Contents.OfType<TextReasoningContent>().Any()) cts.Cancel();
            }
        });
    }

    [Fact]
    public void GetService_returns_the_inner_client_and_metadata()
    {
        using var client = new ScriptedHandler().Client();
        IChatClient chat = client.AsIChatClient(new ReasoningChatClientOptions { DefaultModel = "deepseek-v4-pro" });

        Assert.Same(client, chat.GetService<ReasoningClient>());
        Assert.Same(chat, chat.GetService<ReasoningChatClient>());
        var metadata = chat.GetService<ChatClientMetadata>()!;
        Assert.Equal("deepseek", metadata.ProviderName);
        Assert.Equal(new Uri("http://in-memory/v1/"), metadata.ProviderUri);
        Assert.Equal("deepseek-v4-pro", metadata.DefaultModelId);
        Assert.Null(chat.GetService<ReasoningClient>("some key"));
    }
}
