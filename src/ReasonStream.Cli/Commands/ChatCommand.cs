using System.CommandLine;
using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Exchange;
using ReasonStream.Cli.Interaction;
using ReasonStream.Cli.Logging;
using ReasonStream.Cli.Rendering;
using ReasonStream.Cli.Streaming;
using ReasonStream.Cli.Terminal;

namespace ReasonStream.Cli.Commands;

/// <summary>
/// `reason chat`: an interactive multi-turn session. On a terminal the prompt is a line editor with history (kept across
/// sessions), search, multi-line input and slash commands; Ctrl+C stops the reply, not the session. With stdin redirected
/// it reads one prompt a line.
/// </summary>
internal static class ChatCommand
{
    public static Command Create(RunReport report)
    {
        var command = new Command("chat", "An interactive multi-turn session: line editing and history (Ctrl+R searches), /help for commands; Ctrl+C stops a reply; Ctrl+D, /exit or Ctrl+C twice at the prompt quits");
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
        var session = new ChatSession(stderr);
        using var signals = new TerminationSignals(session.OnSignal);

        // The editor draws on stderr and reads keys from stdin: both must be the terminal.
        bool interactive = RawTerminal.IsTerminal() && stderr.IsTerminal;
        var prompts = interactive
            ? new PromptSource.Editor(new LineEditor(KeyReader.Standard(), stderr.Writer, () => stderr.Width,
                ChatHistory.Open(noLog ? null : Path.Combine(paths.DataDirectory, "chat_history")), stderr.Color))
            : (PromptSource)new PromptSource.Piped(Console.In);
        var state = new ChatState(endpoint, settings, output, history);
        if (interactive)
        {
            messages.Note($"reason chat · {endpoint.Model} via {endpoint.ProviderName} · conversation {history.Id}" +
                (history.Turns.Count > 0 ? $" (resumed, {history.Turns.Count} earlier turns)" : ""));
            messages.Note("/help for commands · Ctrl+C stops a reply · Ctrl+D or /exit quits");
        }

        var logger = new ExchangeLogger(noLog ? null : log, messages);
        int failed = ExitCodes.Ok;
        while (true)
        {
            stdout.Writer.Flush();
            var input = prompts.Next();
            if (input.Outcome == EditOutcome.End) break;
            if (input.Outcome == EditOutcome.Interrupted)
            {
                if (session.InterruptAtPrompt()) return ExitCodes.Interrupted;
                continue;
            }

            session.Disarm();
            string line = input.Text.Trim();
            if (line.Length == 0) continue;
            if (interactive && prompts is PromptSource.Editor) AddToHistory(prompts, line);
            var command = SlashCommands.Run(line, state, messages, out string prompt);
            if (command == SlashCommands.SlashOutcome.Exit) break;
            if (command == SlashCommands.SlashOutcome.Handled) continue;
            prompt = WithoutControlCharacters(prompt);

            var request = new ExchangeRequest(state.Endpoint, state.Settings, state.History.MessagesFor(state.Endpoint, state.Settings.System, prompt),
                prompt, state.Settings.System, state.History.Id, state.History.NextTurn);
            using var renderer = new HumanRenderer(stdout, stderr, state.Output);
            using var cancel = new CancellationTokenSource();
            session.Track(cancel);
            var outcome = await ExchangeRunner.RunAsync(lease, request, renderer, logger, signals, cancel.Token);
            session.Track(null);
            state.History.Add(TurnRecord.From(request, outcome));
            if (outcome.LogId is { } logged && outcome.Result.Answer.Length > 0) report.AnswerLogged(logged);
            if (session.Terminating) return ExitCodes.Terminated;
            // A cancelled answer is the person's choice, not a failure; any other failed turn decides the exit status.
            if (outcome.Status == ExchangeStatus.Error) failed = outcome.ExitCode;
            if (interactive) stderr.Writer.Write('\n');
        }

        return failed;
    }

    private static void AddToHistory(PromptSource prompts, string line)
    {
        if (prompts is PromptSource.Editor editor) editor.Remember(line);
    }

    /// <summary>A prompt holds text: line breaks and tabs stay, any other control character (a Ctrl+A from a file) goes.</summary>
    private static string WithoutControlCharacters(string prompt) =>
        string.Concat(prompt.Where(c => c is '\n' or '\t' || !char.IsControl(c)));
}
