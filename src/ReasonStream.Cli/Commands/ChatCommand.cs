using System.CommandLine;
using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Exchange;
using ReasonStream.Cli.Interaction;
using ReasonStream.Cli.Logging;
using ReasonStream.Cli.Output;
using ReasonStream.Cli.Rendering;
using ReasonStream.Cli.Streaming;

namespace ReasonStream.Cli.Commands;

/// <summary>`reason chat`: an interactive multi-turn session. Ctrl+C cancels the answer, not the session.</summary>
internal static class ChatCommand
{
    public static Command Create(RunReport report)
    {
        var command = new Command("chat", "An interactive multi-turn session: Ctrl+C cancels the current answer; Ctrl+C at the prompt twice, /exit or Ctrl+D quits");
        var options = new RequestOptions();
        var conversationId = new Option<string?>("--cid") { Description = "Resume the logged conversation with this id", HelpName = "ID" };
        options.AddTo(command);
        command.Add(conversationId);
        command.SetAction((parse, _) => CommandGuard.RunSessionAsync(() => RunAsync(
            options.ReadRequest(parse), options.ReadOutput(parse), options.ReadNoLog(parse), parse.GetValue(conversationId), report),
            noColor: parse.GetValue(options.NoColor)));
        return command;
    }

    private static async Task<int> RunAsync(RequestSettings requested, (OutputSettings Output, bool ReasoningGiven, bool MarkdownGiven) display, bool noLog, string? conversationId, RunReport report)
    {
        var paths = AppPaths.FromEnvironment();
        var stdout = ConsoleTarget.StandardOutput(display.Output.NoColor);
        var stderr = ConsoleTarget.StandardError(display.Output.NoColor);
        var messages = new MessagePrinter(stderr);
        var config = ConfigLoader.Load(paths);
        var settings = SettingsValidator.Complete(requested, config, paths.ConfigFile);
        var output = SettingsValidator.Complete(display.Output, display.ReasoningGiven, display.MarkdownGiven, config, paths.ConfigFile);
        using var log = noLog && conversationId is null ? null : LogOpener.TryOpen(paths, e => messages.Warning(e.Message + " (not logging)", e.Hint));
        if (conversationId is not null && log is null) throw new CliException(ExitCodes.Config, "Cannot resume: the log database is not available.", null);
        var history = conversationId is null ? ConversationHistory.New() : ConversationHistory.Load(log!, conversationId);
        settings = history.Inherit(settings);
        var endpoint = EndpointResolver.Resolve(settings, config);
        using var lease = ClientFactory.Create(endpoint, settings);
        var session = new ChatSession(stdout, stderr, output);
        using var signals = new TerminationSignals(session.OnSignal);

        bool interactive = !Console.IsInputRedirected;
        if (interactive)
        {
            messages.Note($"reason chat · {endpoint.Model} via {endpoint.ProviderName} · conversation {history.Id}" +
                (history.Turns.Count > 0 ? $" (resumed, {history.Turns.Count} earlier turns)" : ""));
            messages.Note("Ctrl+C cancels an answer · /exit, Ctrl+D or Ctrl+C twice at the prompt quits");
        }

        var logger = new ExchangeLogger(noLog ? null : log, messages);
        int failed = ExitCodes.Ok;
        while (session.ReadPrompt(interactive) is { } line)
        {
            if (line is "/exit" or "/quit") break;
            if (line.Length == 0) continue;
            var request = new ExchangeRequest(endpoint, settings, history.MessagesFor(endpoint, settings.System, line),
                line, settings.System, history.Id, history.NextTurn);
            using var renderer = new HumanRenderer(stdout, stderr, output);
            using var cancel = new CancellationTokenSource();
            session.Track(cancel);
            var outcome = await ExchangeRunner.RunAsync(lease, request, renderer, logger, signals, cancel.Token);
            session.Track(null);
            history.Add(TurnRecord.From(request, outcome));
            if (outcome.LogId is { } logged && outcome.Result.Answer.Length > 0) report.AnswerLogged(logged);
            if (session.Terminating) return ExitCodes.Terminated;
            // A cancelled answer is the person's choice, not a failure; any other failed turn decides the exit status.
            if (outcome.Status == ExchangeStatus.Error) failed = outcome.ExitCode;
            if (interactive) stderr.Writer.Write('\n');
        }

        return failed;
    }
}
