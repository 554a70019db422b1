using System.CommandLine;
using System.CommandLine.Invocation;
using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Rendering;

namespace ReasonStream.Cli.Commands;

/// <summary>Parse errors as short lines plus a pointer to --help (instead of the whole help text), exit code 1.</summary>
internal static class UsageErrors
{
    public static int? Report(ParseResult parse, IReadOnlyList<string> args)
    {
        if (parse.Action is not ParseErrorAction || parse.Errors.Count == 0) return null;
        var printer = new MessagePrinter(ConsoleTarget.StandardError(NoColorRequested(args)));
        foreach (var error in parse.Errors)
        {
            printer.Error(new ErrorReport("usage", error.Message, null, ExitCodes.Usage));
        }

        string command = parse.CommandResult.Command is RootCommand ? "reason" : "reason " + parse.CommandResult.Command.Name;
        printer.Hint($"`{command} --help` lists the options, with examples");
        return ExitCodes.Usage;
    }

    /// <summary>
    /// Whether the command line asks for <c>--no-color</c>, read from the raw arguments: when parsing failed, the
    /// option's value cannot be trusted (or the option was not even known where it stood). Not after <c>--</c>.
    /// </summary>
    public static bool NoColorRequested(IReadOnlyList<string> args) =>
        args.TakeWhile(a => a != "--").Contains("--no-color", StringComparer.Ordinal);
}
