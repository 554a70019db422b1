using System.CommandLine;
using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Exchange;
using ReasonStream.Cli.Interaction;
using ReasonStream.Cli.Logging;
using ReasonStream.Cli.Rendering;
using ReasonStream.Cli.Streaming;

namespace ReasonStream.Cli.Commands;

/// <summary>`reason PROMPT`: one question, thinking live on stderr, answer live on stdout.</summary>
internal static class AskCommand
{
    public static RootCommand Create(RunReport report)
    {
        var root = new RootCommand("reason: watch a reasoning model think, live.\n  reason [options] PROMPT...   asks PROMPT (with what is piped to stdin, and the files of -f, before it); the\n  thinking streams to stderr, the answer to stdout. Quote the prompt when its first word is a command name.");
        var prompt = new Argument<string[]>("prompt") { Description = "The question; read from stdin when omitted", Arity = ArgumentArity.ZeroOrMore, Hidden = true };
        var options = new RequestOptions();
        var files = new Option<string[]>("--file", "-f") { Description = "Send the text of FILE before the prompt (repeatable; files, then stdin, then the prompt)", HelpName = "FILE", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var json = new Option<bool>("--json") { Description = "NDJSON on stdout: one object per update, then a summary (schema in docs/cli.md)" };
        var record = new Option<string?>("--record") { Description = "Save the raw bytes of the response stream to FILE (.sse) and its timing to FILE.timing", HelpName = "FILE" };
        var continueLast = new Option<bool>("--continue", "-c") { Description = "Continue the latest logged conversation" };
        var conversationId = new Option<string?>("--cid") { Description = "Continue the logged conversation with this id", HelpName = "ID" };

        root.Add(prompt);
        options.AddTo(root);
        root.Add(files);
        root.Add(json);
        root.Add(record);
        root.Add(continueLast);
        root.Add(conversationId);
        root.SetAction((parse, _) => CommandGuard.RunAsync(signals => RunAsync(
            parse,
            CommandTypos.Checked(parse, PromptWords.Checked(parse, parse.GetValue(prompt))),
            parse.GetValue(files) ?? [],
            options.ReadRequest(parse, parse.GetValue(record)),
            options.ReadOutput(parse, parse.GetValue(json)),
            noLog: options.ReadNoLog(parse),
            continueLast: parse.GetValue(continueLast),
            conversationId: parse.GetValue(conversationId),
            report,
            signals),
            noColor: parse.GetValue(options.NoColor)));
        return root;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, string[]? words, string[] files, RequestSettings requested, (OutputSettings Output, bool ReasoningGiven, bool MarkdownGiven) display,
        bool noLog, bool continueLast, string? conversationId, RunReport report, TerminationSignals signals)
    {
        if (CommandTypos.Redirect(parse, words) is { } subcommand) return await subcommand;
        var paths = AppPaths.FromEnvironment();
        var stdout = ConsoleTarget.StandardOutput(display.Output.NoColor);
        var stderr = ConsoleTarget.StandardError(display.Output.NoColor);
        var messages = new MessagePrinter(stderr);
        var config = ConfigLoader.Load(paths);
        var settings = SettingsValidator.Complete(requested, config, paths.ConfigFile);
        var output = SettingsValidator.Complete(display.Output, display.ReasoningGiven, display.MarkdownGiven, config, paths.ConfigFile);
        string prompt = PromptReader.Read(words, files);

        bool continuing = continueLast || conversationId is not null;
        using var log = noLog && !continuing ? null : LogOpener.TryOpen(paths, e => messages.Warning(e.Message + " (not logging)", e.Hint));
        if (continuing && log is null) throw new CliException(ExitCodes.Config, "Cannot continue: the log database is not available.", null);
        var history = continuing ? ConversationHistory.Load(log!, conversationId) : ConversationHistory.New();
        settings = history.Inherit(settings);
        var endpoint = EndpointResolver.Resolve(settings, config);

        var request = new ExchangeRequest(endpoint, settings, history.MessagesFor(endpoint, settings.System, prompt),
            prompt, settings.System, history.Id, history.NextTurn);
        using var lease = ClientFactory.Create(endpoint, settings); // opens --record's file: an unwritable path fails before anything is sent
        using IExchangeRenderer renderer = output.Json
            ? new JsonLinesRenderer(stdout, stderr, output)
            : new HumanRenderer(stdout, stderr, output);
        var logger = new ExchangeLogger(noLog ? null : log, messages);
        var outcome = await ExchangeRunner.RunAsync(lease, request, renderer, logger, signals, signals.Token);
        if (outcome.LogId is { } logged && outcome.Result.Answer.Length > 0) report.AnswerLogged(logged);
        return RecordingCheck.Finish(lease, outcome.ExitCode, messages);
    }
}
