using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Interaction;
using ReasonStream.Cli.Rendering;

namespace ReasonStream.Cli.Commands;

/// <summary>The last line of defence: every command runs inside it, so no exception ever reaches the user as a stack trace.</summary>
internal static class CommandGuard
{
    /// <summary>A one-shot command that Ctrl+C or SIGTERM cancels through <see cref="TerminationSignals.Token"/>.</summary>
    public static async Task<int> RunAsync(Func<TerminationSignals, Task<int>> command, bool noColor)
    {
        using var signals = new TerminationSignals();
        return await RunAsync(() => command(signals), noColor, () => signals.ExitCode);
    }

    /// <summary>A command that handles signals itself (`reason chat`: Ctrl+C stops a reply, not the session).</summary>
    public static Task<int> RunSessionAsync(Func<Task<int>> command, bool noColor) => RunAsync(command, noColor, () => ExitCodes.Interrupted);

    /// <summary>A quick command that reads or writes local files only: a signal ends it the default way.</summary>
    public static int Run(Func<int> command, bool noColor) =>
        RunAsync(() => Task.FromResult(command()), noColor, () => ExitCodes.Interrupted).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(Func<Task<int>> command, bool noColor, Func<int> interruptedExitCode)
    {
        try
        {
            return await command();
        }
        catch (OperationCanceledException)
        {
            return interruptedExitCode();
        }
        catch (Exception e)
        {
            var report = ErrorDescriber.Describe(e, context: null);
            new MessagePrinter(ConsoleTarget.StandardError(noColor)).Error(report);
            return report.ExitCode;
        }
    }
}
