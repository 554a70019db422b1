using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Logging;
using ReasonStream.Cli.Rendering;

namespace ReasonStream.Cli.Commands;

/// <summary>`reason logs`, `reason logs show ID` and `reason logs rm`: what was asked and answered, from the SQLite log.</summary>
internal static class LogsCommand
{
    private const int DefaultCount = 20;

    public static Command Create()
    {
        var command = new Command("logs", "List the latest logged exchanges (newest first); -q searches prompts and answers");
        var count = new Option<int?>("--count", "-n") { Description = $"How many (default {DefaultCount})", HelpName = "N", CustomParser = NumberParsers.WholeNumber }
            .Require(n => n > 0, "--count must be at least 1, not {0}.");
        var query = new Option<string?>("--query", "-q") { Description = "Only exchanges whose prompt or answer holds every word of TEXT (full-text search)", HelpName = "TEXT" };
        var conversation = new Option<string?>("--cid") { Description = "Only the turns of this conversation", HelpName = "ID" };
        var json = new Option<bool>("--json") { Description = "As a JSON array of full records" };
        var noColor = new Option<bool>("--no-color") { Description = "Plain text" };
        foreach (var option in new Option[] { count, query, conversation, json, noColor }) command.Add(option);
        command.SetAction(parse => CommandGuard.Run(
            () => List(parse.GetValue(count) ?? DefaultCount, Blank(parse.GetValue(query)), Blank(parse.GetValue(conversation)), parse.GetValue(json), parse.GetValue(noColor)),
            parse.GetValue(noColor)));

        var show = new Command("show", "Show one logged exchange in full: prompt, reasoning, answer (as markdown on a terminal), usage, timings, error");
        var id = LogId("The exchange's id (first column of `reason logs`)");
        var showJson = new Option<bool>("--json") { Description = "As one JSON object" };
        var raw = new Option<bool>("--raw", "--no-markdown") { Description = "The answer as the model wrote it, even on a terminal" };
        var showNoColor = new Option<bool>("--no-color") { Description = "Plain text" };
        show.Add(id);
        foreach (var option in new Option[] { showJson, raw, showNoColor }) show.Add(option);
        show.SetAction(parse => CommandGuard.Run(
            () => Show(parse.GetValue(id), parse.GetValue(showJson), markdown: !parse.GetValue(raw), parse.GetValue(showNoColor)), parse.GetValue(showNoColor)));
        command.Add(show);

        var remove = new Command("rm", "Delete one logged exchange, or with --cid a whole conversation (the text is overwritten on disk)");
        var removeId = LogId("The exchange's id (first column of `reason logs`)");
        removeId.Arity = ArgumentArity.ZeroOrOne;
        var removeConversation = new Option<string?>("--cid") { Description = "Delete every turn of this conversation", HelpName = "ID" };
        var removeNoColor = new Option<bool>("--no-color") { Description = "Plain text" };
        remove.Add(removeId);
        remove.Add(removeConversation);
        remove.Add(removeNoColor);
        remove.Validators.Add(result =>
        {
            bool hasId = result.GetResult(removeId) is { Tokens.Count: > 0 }, hasConversation = result.GetResult(removeConversation) is not null;
            if (hasId == hasConversation) result.AddError("`reason logs rm` takes an exchange's id or --cid ID (one of the two).");
        });
        remove.SetAction(parse => CommandGuard.Run(
            () => Remove(parse.GetValue(removeId), Blank(parse.GetValue(removeConversation)), parse.GetValue(removeNoColor)), parse.GetValue(removeNoColor)));
        command.Add(remove);
        return command;
    }

    /// <summary>A log id argument whose mistakes read as such ("expects a log id … not 'abc'"), not as a .NET type name.</summary>
    private static Argument<long> LogId(string description) => new("id")
    {
        Description = description,
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) && value > 0) return value;
            result.AddError($"An exchange's id is a whole number from the first column of `reason logs`, not '{text}'.");
            return 0;
        },
    };

    private static int List(int count, string? query, string? conversationId, bool json, bool noColor)
    {
        using var log = LogOpener.Open(AppPaths.FromEnvironment());
        var records = log.Latest(count, conversationId, query);
        var stdout = ConsoleTarget.StandardOutput(noColor);
        if (json)
        {
            stdout.Writer.WriteLine(JsonSerializer.Serialize(records.ToList(), LogJsonContext.Readable.ListExchangeRecord));
            stdout.Writer.Flush();
            return 0;
        }

        if (records.Count == 0)
        {
            stdout.Writer.WriteLine(query is not null || conversationId is not null ? "No logged exchange matches." : "The log is empty.");
            stdout.Writer.Flush();
            return 0;
        }

        TableWriter.Write(stdout, ["id", "when (UTC)", "conversation", "status", "model", "prompt", "answer"],
            records.Select(r => (IReadOnlyList<string>)[
                r.Id.ToString(CultureInfo.InvariantCulture),
                r.StartedAt.Replace('T', ' ')[..Math.Min(19, r.StartedAt.Length)],
                $"{r.ConversationId} #{r.Turn}",
                r.Status,
                r.Model,
                Shorten(r.Prompt, 40),
                Shorten(r.Answer, 40)]));
        return 0;
    }

    private static int Show(long id, bool json, bool markdown, bool noColor)
    {
        using var log = LogOpener.Open(AppPaths.FromEnvironment());
        var record = log.Find(id) ?? throw new CliException(ExitCodes.Usage, $"No exchange {id} in the log.", "`reason logs` lists the ids");
        var stdout = ConsoleTarget.StandardOutput(noColor);
        if (json)
        {
            stdout.Writer.WriteLine(JsonSerializer.Serialize(record, LogJsonContext.Readable.ExchangeRecord));
        }
        else
        {
            LogRecordView.Write(stdout, record, markdown);
        }

        stdout.Writer.Flush();
        return 0;
    }

    private static int Remove(long id, string? conversationId, bool noColor)
    {
        using var log = LogOpener.Open(AppPaths.FromEnvironment());
        var stdout = ConsoleTarget.StandardOutput(noColor);
        if (conversationId is not null)
        {
            int removed = log.DeleteConversation(conversationId);
            if (removed == 0) throw new CliException(ExitCodes.Usage, $"No conversation '{conversationId}' in the log.", "`reason logs` lists conversation ids");
            stdout.Writer.WriteLine($"Deleted {removed} exchange{(removed == 1 ? "" : "s")} of conversation {conversationId}.");
        }
        else
        {
            if (!log.Delete(id)) throw new CliException(ExitCodes.Usage, $"No exchange {id} in the log.", "`reason logs` lists the ids");
            stdout.Writer.WriteLine($"Deleted exchange {id}.");
        }

        stdout.Writer.Flush();
        return 0;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Shorten(string text, int length)
    {
        string line = ErrorDescriber.OneLine(text);
        return line.Length <= length ? line : line[..(length - 1)] + "…";
    }
}
