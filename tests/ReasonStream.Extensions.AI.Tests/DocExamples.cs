using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReasonStream.Extensions.AI.Tests.Support;

namespace ReasonStream.Extensions.AI.Tests;

/// <summary>The code of docs/extensions-ai.md, compiled and run here (DocSnippetTests checks the doc quotes it verbatim).</summary>
public static class DocExamples
{
    public static async Task<string> StreamThinkingAsync(ReasoningClient client, TextWriter thinking, TextWriter answer)
    {
        // doc:stream
        var chat = client.AsIChatClient(new ReasoningChatClientOptions { DefaultModel = "deepseek-flash" });
        List<ChatMessage> history = [new(ChatRole.User, "Why is the sky blue?")];
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync(history))
        {
            updates.Add(update);
            foreach (var content in update.Contents)
            {
                if (content is TextReasoningContent thought) thinking.Write(thought.Text);   // the thinking, live
                else if (content is TextContent text) answer.Write(text.Text);              // the answer, live
            }
        }

        history.AddMessages(updates);   // keeps the reasoning: the adapter decides what goes back
        // end
        return history[^1].Text;
    }

    public static async Task<ChatResponse> ToolLoopAsync(ReasoningClient client)
    {
        // doc:tools
        using IChatClient agent = new ChatClientBuilder(client.AsIChatClient())
            .UseFunctionInvocation()
            .Build();
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.Create((string city) => $"sunny, 21 °C in {city}", "get_weather", "Current weather in a city.")],
            Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High },
        };
        ChatResponse response = await agent.GetResponseAsync("What's the weather in Paris?", options);
        // end
        return response;
    }

    public static ServiceProvider Services(IConfiguration configuration)
    {
        // doc:di
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddReasoningClient(configuration.GetSection("ReasonStream"))
            .UseFunctionInvocation()
            .UseOpenTelemetry(sourceName: "MyApp")
            .UseLogging();

        // Optional: more handlers on the HTTP client the ReasoningClient uses.
        services.AddHttpClient(ReasoningServiceCollectionExtensions.HttpClientName);
        // end
        return services.BuildServiceProvider();
    }

    public static ServiceProvider TelemetryServices(IConfiguration configuration)
    {
        // doc:telemetry
        var services = new ServiceCollection();
        services.AddReasoningClient(configuration.GetSection("ReasonStream"))
            .UseOpenTelemetry(sourceName: "MyApp");   // the GenAI conventions: a chat span, token usage with reasoning tokens

        // With the OpenTelemetry SDK, collect both layers:
        // .WithTracing(t => t.AddSource("MyApp", ReasonStreamTelemetry.SourceName))
        // .WithMetrics(m => m.AddMeter("MyApp", ReasonStreamTelemetry.SourceName))
        // end
        return services.BuildServiceProvider();
    }
}

public sealed class DocExampleTests
{
    [Fact]
    public async Task Stream_example_separates_thinking_and_answer_and_keeps_the_reasoning()
    {
        using var client = new ScriptedHandler(new Sse().Reasoning("Rayleigh.").Answer("Scattering.").Finish("stop")).Client();
        var thinking = new StringWriter();
        var answer = new StringWriter();

        string last = await DocExamples.StreamThinkingAsync(client, thinking, answer);

        Assert.Equal("Rayleigh.", thinking.ToString());
        Assert.Equal("Scattering.", answer.ToString());
        Assert.Equal("Scattering.", last);
    }

    [Fact]
    public async Task Tools_example_runs_the_loop_with_high_effort()
    {
        var handler = new ScriptedHandler(
            new Sse().Reasoning("call").ToolCall(0, "call_1", "get_weather", """{"city":"Paris"}""").Finish("tool_calls"),
            new Sse().Answer("Sunny.").Finish("stop"));
        using var client = handler.Client();

        var response = await DocExamples.ToolLoopAsync(client);

        Assert.Equal("Sunny.", response.Text);
        Assert.Equal("high", (string?)handler.Requests[0]["reasoning_effort"]);
        Assert.Equal("sunny, 21 °C in Paris", (string?)handler.Requests[1]["messages"]![2]!["content"]);
    }

    [Fact]
    public void DI_example_builds_the_pipeline()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ReasonStream:Provider"] = "ollama" }).Build();
        using var provider = DocExamples.Services(configuration);

        var chat = provider.GetRequiredService<IChatClient>();

        Assert.NotNull(chat.GetService<FunctionInvokingChatClient>());
        Assert.NotNull(chat.GetService<OpenTelemetryChatClient>());
        Assert.Equal("ollama", chat.GetService<ChatClientMetadata>()!.ProviderName);
    }

    [Fact]
    public void Telemetry_example_puts_the_conventions_around_the_adapter()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ReasonStream:Provider"] = "ollama" }).Build();
        using var provider = DocExamples.TelemetryServices(configuration);

        var chat = provider.GetRequiredService<IChatClient>();

        Assert.NotNull(chat.GetService<OpenTelemetryChatClient>());
        Assert.NotNull(chat.GetService<ReasoningChatClient>());
    }
}
