using System.Globalization;
using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Rendering;

namespace ReasonStream.Cli.Output;

/// <summary>
/// The last word on stdout: when it could not be written (closed, disk full — not a reader that merely went away, as
/// with <c>| head -1</c>), one clear line on stderr says so, and where the answer is kept, and the exit code is
/// <see cref="ExitCodes.Output"/> unless the command already failed otherwise.
/// </summary>
internal static class OutputCheck
{
    private static long s_answerLogId;

    /// <summary>The log row that holds the latest answer (what arrived of it), for the message (set by `reason` and `reason chat`).</summary>
    public static void AnswerLogged(long id) => Interlocked.Exchange(ref s_answerLogId, id);

    public static int Finish(int exitCode, bool noColor)
    {
        StandardOutputs.FlushAll();
        if (!StandardOutputs.Out.LostText || StandardOutputs.Out.Failure is not { ReaderGone: false } failure) return exitCode;
        long logId = Interlocked.Read(ref s_answerLogId);
        new MessagePrinter(ConsoleTarget.StandardError(noColor)).Error(new ErrorReport("output",
            $"Could not write to stdout: {failure.Reason}.",
            logId > 0 ? $"the answer is kept in the log: reason logs show {logId.ToString(CultureInfo.InvariantCulture)}" : "send stdout somewhere it can be written",
            ExitCodes.Output));
        return exitCode == ExitCodes.Ok ? ExitCodes.Output : exitCode;
    }
}
