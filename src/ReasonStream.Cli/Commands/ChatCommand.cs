using System.CommandLine;
using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Interaction;
using ReasonStream.Cli.Logging;
using ReasonStream.Cli.Output;
using ReasonStream.Cli.Rendering;
using ReasonStream.Cli.Streaming;

namespace ReasonStream.Cli.Commands;

/// <summary>`reason chat`: an interactive multi-turn session. Ctrl+C cancels the answer, not the session.</summary>
internal static class ChatCommand
{
    public static Command Create()
    {
        var command = new Command("chat", "An interactive multi-turn session: Ctrl+C cancels the current answer; Ctrl+C at the prompt twice, /exit or Ctrl+D quits");
        var options = new RequestOptions();
        var conversationId = new Option<string?>("--cid") { Description = "Resume the logged conversation with this id", HelpName = "ID" };
        options.AddTo(command);
        command.Add(conversationId);
        command.SetAction((parse, _) => CommandGuard.RunAsync(() => RunAsync(
            options.ReadRequest(parse), options.ReadOutput(parse), options.ReadNoLog(parse), parse.GetValue(conversationId)),
            noColor: parse.GetValue(options.NoColor)));
        return command;
    }

    private static async Task<int> RunAsync(RequestSettings requested, OutputSettings output, bool noLog, string? conversationId)
    {
        var paths = AppPaths.FromEnvironment();
        var stdout = ConsoleTarget.StandardOutput(output.NoColor);
        var stderr = ConsoleTarget.StandardError(output.NoColor);
        var messages = new MessagePrinter(stderr);
        var config = ConfigLoader.Load(paths);
        var settings = SettingsValidator.Complete(requested, config, paths.ConfigFile);
        using var log = noLog && conversationId is null ? null : LogOpener.TryOpen(paths, e => messages.Warning(e.Message + " (not logging)", e.Hint));
        if (conversationId is not null && log is null) throw new CliException(ExitCodes.Config, "Cannot resume: the log database is not available.", null);
        var history = conversationId is null ? ConversationHistory.New() : ConversationHistory.Load(log!, conversationId);
        settings = history.Inherit(settings);
        var endpoint = EndpointResolver.Resolve(settings, config);
        using var lease = ClientFactory.Create(endpoint, settings);
        var session = new ChatSession(stdout, stderr, output);
        using var interrupt = new InterruptSignal(session.OnSignal);

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
            var outcome = await ExchangeRunner.RunAsync(lease, request, renderer, logger, cancel.Token);
            session.Track(null);
            history.Add(outcome.Log ?? TurnRecord.From(request, outcome));
            if (outcome.Log is { } logged && outcome.Result.Answer.Length > 0) OutputCheck.AnswerLogged(logged.Id);
            if (session.Terminating) return ExitCodes.Terminated;
            // A cancelled answer is the person's choice, not a failure; any other failed turn decides the exit status.
            if (outcome.Status == ExchangeStatus.Error) failed = outcome.ExitCode;
            if (interactive) stderr.Writer.Write('\n');
        }

        return failed;
    }
}
