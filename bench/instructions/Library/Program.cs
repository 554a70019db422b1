using ReasonStream;
using ReasonStream.Benchmarks;

// library BASE-URL [--repeat N]: streams one chat request through ReasoningClient with its default options.
var request = new ChatRequest("deepseek-flash", [Message.User("Explain Fermat's Last Theorem.")]);
ReasoningClient? client = null;
try
{
    return await Measure.RunAsync(args, "library", async baseUri =>
    {
        client ??= new ReasoningClient(new ReasoningClientOptions { BaseUri = baseUri, ApiKey = "sk-bench" });
        long characters = 0, updates = 0;
        await foreach (var update in client.StreamAsync(request))
        {
            updates++;
            if (update is ReasoningDelta reasoning) characters += reasoning.Text.Length;
            else if (update is AnswerDelta answer) characters += answer.Text.Length;
        }

        return (characters, updates);
    });
}
finally
{
    client?.Dispose();
}
