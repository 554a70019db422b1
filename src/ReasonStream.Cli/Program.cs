using System.CommandLine;
using ReasonStream.Cli.Commands;
using ReasonStream.Cli.Output;

// First, before any file is opened: descriptors 0-2 are kept taken (a closed one is reopened on /dev/null), so the log
// database can never become "stdout". Then Console.Out/Error are replaced before anything (System.CommandLine's help,
// Spectre.Console) touches them: the console's own writers initialise .NET's terminal handling, which writes keypad-mode
// escape codes to a terminal, and write files at their own offsets.
StandardOutputs.Claim();
Console.SetOut(StandardOutputs.Out);
Console.SetError(StandardOutputs.Error);
AppDomain.CurrentDomain.ProcessExit += (_, _) => StandardOutputs.FlushAtExit();
ReasonStream.Cli.Rendering.TerminalWindow.Watch(); // SIGWINCH: the renderers measure the window again
var report = new RunReport();
var parse = CommandTree.Build(report).Parse(args);
// Signals are the commands' own (TerminationSignals says why System.CommandLine's handler is left off).
int exitCode = UsageErrors.Report(parse, args) ?? await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
return OutputCheck.Finish(exitCode, noColor: UsageErrors.NoColorRequested(args), report.AnswerLogId);
