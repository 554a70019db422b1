using ReasonStream.Cli.Errors;

namespace ReasonStream.Cli.Exchange;

/// <summary>
/// How one exchange ended: the result (everything that arrived, from the caller's accumulator), the error if any, the
/// exit code it stands for, and the log row that holds it (null when it is not logged, or its row could not be completed).
/// The renderers, the JSON writer and the log all read this one record.
/// </summary>
internal sealed record ExchangeOutcome(string Status, ChatResult Result, ErrorReport? Error, int ExitCode, long? LogId = null)
{
    /// <summary>An exchange that ended as it should.</summary>
    public static ExchangeOutcome Succeeded(ChatResult result) => new(ExchangeStatus.Ok, result, null, ExitCodes.Ok);

    /// <summary>True when any reasoning, answer or tool call arrived (what a failure keeps).</summary>
    public bool HasOutput => Result.Reasoning.Length > 0 || Result.Answer.Length > 0 || Result.ToolCalls.Count > 0;
}
