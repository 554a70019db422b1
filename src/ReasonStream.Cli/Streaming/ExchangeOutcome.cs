using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Logging;

namespace ReasonStream.Cli.Streaming;

/// <summary>How one exchange ended: the (possibly partial) result, the error if any, and its log row.</summary>
internal sealed record ExchangeOutcome(string Status, ChatResult Result, ErrorReport? Error, ExchangeRecord? Log)
{
    public int ExitCode => Status switch
    {
        ExchangeStatus.Ok => ExitCodes.Ok,
        ExchangeStatus.Interrupted => Interaction.InterruptSignal.ExitCode,
        _ => Error?.ExitCode ?? ExitCodes.Provider,
    };
}
