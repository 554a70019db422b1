using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Rendering;

namespace ReasonStream.Cli.Commands;

/// <summary>The last line of defence: every command runs inside it, so no exception ever reaches the user as a stack trace.</summary>
internal static class CommandGuard
{
    public static async Task<int> RunAsync(Func<Task<int>> command, bool noColor)
    {
        try
        {
            return await command();
        }
        catch (CliException e)
        {
            Report(new ErrorReport("usage", ErrorDescriber.OneLine(e.Message), e.Hint, e.ExitCode), noColor);
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return Interaction.InterruptSignal.ExitCode;
        }
        catch (Exception e)
        {
            var report = ErrorDescriber.Describe(e, new ErrorContext("", "", "", null, new Dictionary<string, string>()));
            Report(report, noColor);
            return report.ExitCode;
        }
    }

    public static int Run(Func<int> command, bool noColor) =>
        RunAsync(() => Task.FromResult(command()), noColor).GetAwaiter().GetResult();

    private static void Report(ErrorReport report, bool noColor)
    {
        var stderr = ConsoleTarget.StandardError(noColor);
        new MessagePrinter(stderr).Error(report);
    }
}
