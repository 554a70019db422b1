using ReasonStream.Testing;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Integration;

/// <summary>A client pointed at a replay server on loopback, with short waits so failures show quickly.</summary>
internal static class Replay
{
    public const string Key = "sk-test-9f8e7d6c5b4a";
    public const string KeyVariable = "TEST_REASON_KEY";

    public static ReasoningClient Client(ReplayServer server, Action<ReasoningClientOptions>? configure = null)
    {
        var options = new ReasoningClientOptions
        {
            BaseUri = server.BaseUri,
            ApiKey = Key,
            ApiKeySource = "environment variable " + KeyVariable,
            Retry = new RetryPolicy { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) },
            FirstTokenTimeout = TimeSpan.FromSeconds(20),
            StallTimeout = TimeSpan.FromSeconds(20),
        };
        configure?.Invoke(options);
        return new ReasoningClient(options);
    }

    /// <summary>
    /// A small DeepSeek reply. Its events: 1 the opening (role), 2–3 reasoning (<c>First, </c>, <c>think.</c>),
    /// 4–5 the answer (<c>Then </c>, <c>answer.</c>), 6 the finish with usage, 7 <c>[DONE]</c>.
    /// </summary>
    public static ReplayResponse DeepSeekStream(string finish = FinishReasons.Stop) =>
        new ScriptedReply(WireProtocol.ChatCompletions, "deepseek-flash")
            .Reasoning("First, ", "think.")
            .Answer("Then ", "answer.")
            .Usage(prompt: 5, completion: 7, reasoning: 3)
            .Finish(finish)
            .ToResponse();

    public static int Length(ReplayResponse response) => response.Body.Length;

    /// <summary>The byte offset just after the n-th event (1-based) of a body.</summary>
    public static int AfterEvent(ReplayResponse response, int n)
    {
        var span = response.Body.Span;
        int at = 0;
        for (int i = 0; i < n; i++)
        {
            int next = span[at..].IndexOf("\n\n"u8);
            at += next + 2;
        }

        return at;
    }
}
