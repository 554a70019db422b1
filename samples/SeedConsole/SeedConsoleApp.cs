using ReasonStream;

namespace Samples.SeedConsole;

/// <summary>
/// The seed task, done right: ask a thinking model (<c>deepseek-reasoner</c> style) and print its reasoning and its
/// answer separately, live — once synchronously (<c>foreach</c>), once asynchronously (<c>await foreach</c>).
/// Usage: <c>SeedConsole [--base-url URL] [--key KEY] [--model MODEL] [question]</c>; the base URL and key also come
/// from <c>REASONSTREAM_BASE_URL</c> and <c>DEEPSEEK_API_KEY</c>.
/// </summary>
public static class SeedConsoleApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter reasoning, TextWriter answer, CancellationToken cancellationToken = default)
    {
        string? baseUrl = Option(args, "--base-url") ?? Environment.GetEnvironmentVariable("REASONSTREAM_BASE_URL");
        string? key = Option(args, "--key");
        string model = Option(args, "--model") ?? "deepseek-flash";
        string question = Positional(args) ?? "How many r's are in the word strawberry?";

        var options = baseUrl is null
            ? ReasoningClientOptions.DeepSeek(key)
            : ReasoningClientOptions.ForEndpoint(baseUrl, key ?? Environment.GetEnvironmentVariable("DEEPSEEK_API_KEY"), Providers.DeepSeek);
        using var client = new ReasoningClient(options);
        var request = new ChatRequest(model, [Message.User(question)]) { Thinking = true };

        try
        {
            // Synchronously: each MoveNext blocks only until the next update arrives.
            answer.WriteLine("== synchronous ==");
            foreach (var update in client.Stream(request, cancellationToken)) Print(update, reasoning, answer);

            // Asynchronously: the same, without blocking a thread.
            answer.WriteLine("== asynchronous ==");
            await foreach (var update in client.StreamAsync(request, cancellationToken)) Print(update, reasoning, answer);
            return 0;
        }
        catch (ReasonStreamException error)
        {
            reasoning.WriteLine();
            reasoning.WriteLine($"error ({error.Kind}): {error.Message}");
            return 1;
        }
    }

    private static void Print(StreamUpdate update, TextWriter reasoning, TextWriter answer)
    {
        switch (update)
        {
            case ReasoningDelta thought:
                reasoning.Write(thought.Text);
                reasoning.Flush();
                break;
            case AnswerDelta text:
                answer.Write(text.Text);
                answer.Flush();
                break;
            case UsageUpdate usage:
                reasoning.WriteLine();
                reasoning.WriteLine($"[usage: {usage.Usage.PromptTokens} prompt, {usage.Usage.CompletionTokens} completion, {usage.Usage.ReasoningTokens} reasoning]");
                break;
            case StreamFinished finished:
                answer.WriteLine();
                if (finished.IsTruncated) reasoning.WriteLine("[the answer was cut off by the token limit]");
                break;
        }
    }

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
