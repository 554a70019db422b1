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

    public static bool IsTerminal(string kind) => kind is Finish or Error;

    public static bool IsText(string kind) => kind is Reasoning or Answer;
}
