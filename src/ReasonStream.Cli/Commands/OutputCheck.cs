using System.Globalization;
using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Output;
using ReasonStream.Cli.Rendering;

namespace ReasonStream.Cli.Commands;

/// <summary>
/// The last word on stdout: when it could not be written (closed, disk full — not a reader that merely went away, as
/// with <c>| head -1</c>), one clear line on stderr says so, and where the answer is kept, and the exit code is
/// <see cref="ExitCodes.Output"/> unless the command already failed otherwise.
/// </summary>
internal static class OutputCheck
{
    /// <param name="exitCode">The command's exit code.</param>
    /// <param name="noColor">Whether the message may be coloured.</param>
    /// <param name="answerLogId">The log row that holds the latest answer, if one does.</param>
    public static int Finish(int exitCode, bool noColor, long? answerLogId)
    {
        StandardOutputs.FlushAll();
        if (!StandardOutputs.Out.LostText || StandardOutputs.Out.Failure is not { ReaderGone: false } failure) return exitCode;
        new MessagePrinter(ConsoleTarget.StandardError(noColor)).Error(new ErrorReport("output",
            $"Could not write to stdout: {failure.Reason}.",
            answerLogId is { } id ? $"the answer is kept in the log: reason logs show {id.ToString(CultureInfo.InvariantCulture)}" : "send stdout somewhere it can be written",
            ExitCodes.Output));
        return exitCode == ExitCodes.Ok ? ExitCodes.Output : exitCode;
    }
}
