using System.CommandLine;
using ReasonStream.Cli.Commands;

var root = AskCommand.Create();
CommandTree.AddSubcommands(root);
HelpExamples.Install(root);
var parse = root.Parse(args);
if (UsageErrors.Report(parse) is { } usageExit) return usageExit;
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
