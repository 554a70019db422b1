using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Rendering;

namespace ReasonStream.Cli.Streaming;

/// <summary>
/// After an exchange with <c>--record</c>: a recording that could not be written is reported as what it is (not as a
/// network failure, and never at the answer's expense), and the exit code says the file is incomplete
/// (<see cref="ExitCodes.Output"/>) unless the exchange already failed otherwise.
/// </summary>
internal static class RecordingCheck
{
    public static int Finish(ClientLease lease, int exitCode, MessagePrinter messages)
    {
        if (lease.Recording?.Failure is not { } failure) return exitCode;
        messages.Error(new ErrorReport("recording", $"The recording is incomplete: {failure}.", exitCode == ExitCodes.Ok ? "the answer itself is complete; free some space or pass --record another file" : "free some space or pass --record another file", ExitCodes.Output));
        return exitCode == ExitCodes.Ok ? ExitCodes.Output : exitCode;
    }
}
