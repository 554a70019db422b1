namespace ReasonStream.AspNetCore;

/// <summary>The SSE event types the relay sends; see docs/relay.md for their data.</summary>
internal static class RelayEventKinds
{
    public const string Reasoning = "reasoning";
    public const string Answer = "answer";
    public const string ToolCall = "tool_call";
    public const string Usage = "usage";
    public const string Finish = "finish";
    public const string Error = "error";

    /// <summary>
    /// A failure of the relay itself while a browser follows (never stored, sent without an id): its own name, so that
    /// it is not mistaken for the stream's terminal <c>error</c>, nor fires <c>EventSource.onerror</c>.
    /// </summary>
    public const string RelayError = "relay_error";

    public static bool IsTerminal(string kind) => kind is Finish or Error;

    public static bool IsText(string kind) => kind is Reasoning or Answer;
}
