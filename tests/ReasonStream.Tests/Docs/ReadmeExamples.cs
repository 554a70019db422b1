using System.Text.Json;

namespace ReasonStream.Tests.Docs;

/// <summary>
/// The README's library examples, compiled here. Each region between "README:name" markers must appear in
/// README.md verbatim (ReadmeExampleTests checks it), so the README cannot drift from code that builds.
/// </summary>
internal static class ReadmeExamples
{
    public static async Task SimplestAsync(ReasoningClient client)
    {
        // README:simplest
        await foreach (var update in client.StreamAsync("Explain the reasoning behind Fermat's Last Theorem."))
        {
            if (update is ReasoningDelta thought) Console.Error.Write(thought.Text); // the thinking, live
            else if (update is AnswerDelta answer) Console.Write(answer.Text);      // the answer, live
        }
        // README:end
    }

    public static async Task StreamAsync(ReasoningClient client)
    {
        // README:stream
        var request = new ChatRequest("deepseek-flash", [Message.System("Be concise."), Message.User("Explain Fermat's Last Theorem.")])
        {
            ReasoningEffort = "high", // each protocol spells it its own way: reasoning_effort, a thinking budget, a level…
            MaxTokens = 8000,
        };

        await foreach (var update in client.StreamAsync(request))
        {
            switch (update)
            {
                case ReasoningDelta r: Console.Error.Write(r.Text); break; // the thinking, live
                case AnswerDelta a: Console.Write(a.Text); break;          // the answer, live
                case UsageUpdate u: Console.Error.WriteLine($"\n[{u.Usage.ReasoningTokens} reasoning tokens]"); break;
                case StreamFinished { IsTruncated: true }: Console.Error.WriteLine("\n[cut off: raise MaxTokens]"); break;
            }
        }
        // README:end
    }

    public static void StreamSynchronously(ReasoningClient client, ChatRequest request)
    {
        // README:sync
        foreach (var update in client.Stream(request)) // blocks only until the next update, not the end
        {
            if (update is AnswerDelta a) Console.Write(a.Text);
        }
        // README:end
    }

    public static async Task<ChatResult?> CompleteAsync(ReasoningClient client, ChatRequest request)
    {
        // README:complete
        try
        {
            ChatResult result = await client.CompleteAsync(request);
            Console.WriteLine($"{result.Answer}\n(thought for {result.Timings.ReasoningDuration?.TotalSeconds:F1} s)");
            return result;
        }
        catch (UnknownModelException e) when (e.Replacement is not null)
        {
            Console.Error.WriteLine($"{e.Model} was retired: use {e.Replacement}");
        }
        catch (ReasonStreamException e)
        {
            Console.Error.WriteLine(e.Message);                    // one clear sentence, never the key
            Console.Write(e.PartialResult?.Answer);                // whatever arrived before the failure
        }
        // README:end
        return null;
    }

    public static ReasoningClient[] Clients()
    {
        // README:clients
        var openai = new ReasoningClient(ReasoningClientOptions.ForProvider(Providers.OpenAI));       // Responses API: reasoning summaries
        var claude = new ReasoningClient(ReasoningClientOptions.ForProvider(Providers.Anthropic));    // Messages API: thinking blocks
        var gemini = new ReasoningClient(ReasoningClientOptions.ForProvider(Providers.Gemini));       // streamGenerateContent: thought parts
        var deepseek = new ReasoningClient(ReasoningClientOptions.ForProvider(Providers.DeepSeek));   // chat completions: reasoning_content
        var raw = new ReasoningClient(ReasoningClientOptions.ForProvider(Providers.DeepSeek, protocol: WireProtocol.Responses)); // raw reasoning over Responses
        var local = new ReasoningClient(ReasoningClientOptions.ForProvider(Providers.Ollama, protocol: WireProtocol.OllamaChat)); // Ollama's /api/chat with think
        // README:end
        return [openai, claude, gemini, deepseek, raw, local];
    }

    public static async Task<ChatResult> ToolLoopAsync(ReasoningClient client, string model)
    {
        // README:toolloop
        var weather = new ToolDefinition("get_weather", "Current weather in a city.",
            JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement);
        var conversation = new Conversation(client).AddUser("What's the weather in Paris?"); // the client's provider and protocol rule
        ChatResult turn = await client.CompleteAsync(conversation.CreateRequest(model) with { Tools = [weather] });
        while (turn.FinishReason == FinishReasons.ToolCalls)
        {
            conversation.AddAssistant(turn); // reasoning, signatures, encrypted items: what this protocol must get back
            foreach (var call in turn.ToolCalls) conversation.AddToolResult(call.Id, """{"temp": 21, "sky": "clear"}""");
            turn = await client.CompleteAsync(conversation.CreateRequest(model) with { Tools = [weather] });
        }

        return turn;
        // README:end
    }
}
