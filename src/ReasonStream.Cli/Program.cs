using System.CommandLine;
using ReasonStream.Cli.Commands;
using ReasonStream.Cli.Rendering;

// Console.Out/Error are replaced before anything (System.CommandLine's help, Spectre.Console) touches them: the
// console's own writers initialise .NET's terminal handling, which writes keypad-mode escape codes to a terminal.
Console.SetOut(StandardStream.Writer(StandardStream.Output()));
Console.SetError(StandardStream.Writer(StandardStream.Error()));
var root = AskCommand.Create();
CommandTree.AddSubcommands(root);
HelpExamples.Install(root);
var parse = root.Parse(args);
if (UsageErrors.Report(parse, args) is { } usageExit) return usageExit;
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
