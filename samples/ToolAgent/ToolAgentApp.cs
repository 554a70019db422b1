using System.ComponentModel;
using Microsoft.Extensions.AI;
using ReasonStream;
using ReasonStream.Extensions.AI;

namespace Samples.ToolAgent;

/// <summary>
/// A tool-calling agent with a thinking model through <c>IChatClient</c> and <c>UseFunctionInvocation()</c>. The
/// reasoning of tool-calling turns goes back to DeepSeek as it requires — the adapter handles it.
/// Usage: <c>ToolAgent [--base-url URL] [--key KEY] [--model MODEL] [question]</c> (or <c>REASONSTREAM_BASE_URL</c>, <c>DEEPSEEK_API_KEY</c>).
/// </summary>
public static class ToolAgentApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        string? baseUrl = Option(args, "--base-url") ?? Environment.GetEnvironmentVariable("REASONSTREAM_BASE_URL");
        string? key = Option(args, "--key") ?? Environment.GetEnvironmentVariable("DEEPSEEK_API_KEY");
        string question = Positional(args) ?? "What's the weather in Paris?";

        var options = baseUrl is null ? ReasoningClientOptions.DeepSeek(key) : ReasoningClientOptions.ForEndpoint(baseUrl, key, Providers.DeepSeek);
        using var client = new ReasoningClient(options);
        using IChatClient agent = new ChatClientBuilder(client.AsIChatClient(new ReasoningChatClientOptions { DefaultModel = Option(args, "--model") ?? "deepseek-flash" }))
            .UseFunctionInvocation()
            .Build();

        var chatOptions = new ChatOptions { Tools = [AIFunctionFactory.Create(GetWeather, "get_weather")] };
        List<ChatMessage> history = [new(ChatRole.User, question)];
        var updates = new List<ChatResponseUpdate>();
        try
        {
            await foreach (var update in agent.GetStreamingResponseAsync(history, chatOptions, cancellationToken))
            {
                updates.Add(update);
                foreach (var content in update.Contents)
                {
                    switch (content)
                    {
                        case TextReasoningContent thought when thought.Text.Length > 0:
                            output.Write($"[thinking] {thought.Text}\n");
                            break;
                        case FunctionCallContent call:
                            output.Write($"[tool call] {call.Name}({string.Join(", ", call.Arguments?.Select(a => $"{a.Key}={a.Value}") ?? [])})\n");
                            break;
                        case FunctionResultContent result:
                            output.Write($"[tool result] {result.Result}\n");
                            break;
                        case TextContent text:
                            output.Write(text.Text);
                            break;
                    }
                }
            }
        }
        catch (ReasonStreamException error)
        {
            output.WriteLine($"error ({error.Kind}): {error.Message}");
            return 1;
        }

        output.WriteLine();
        history.AddMessages(updates);
        output.WriteLine($"[{history.Count} messages in the history]");
        return 0;
    }

    [Description("Gets the current weather in a city.")]
    private static string GetWeather([Description("The city name.")] string city) => $"sunny, 21 °C in {city}";

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string? Positional(string[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal)) i++;
            else return args[i];
        }

        return null;
    }
}
