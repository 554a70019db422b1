using System.CommandLine;
using System.Text.Json;
using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Json;
using ReasonStream.Cli.Logging;
using ReasonStream.Cli.Rendering;

namespace ReasonStream.Cli.Commands;

/// <summary>`reason logs` and `reason logs show ID`: what was asked and answered, from the SQLite log.</summary>
internal static class LogsCommand
{
    public static Command Create()
    {
        var command = new Command("logs", "List the latest logged exchanges (newest first)");
        var count = new Option<int>("--count", "-n") { Description = "How many", DefaultValueFactory = _ => 20, HelpName = "N" };
        var json = new Option<bool>("--json") { Description = "As a JSON array of full records" };
        var noColor = new Option<bool>("--no-color") { Description = "Plain text" };
        command.Add(count);
        command.Add(json);
        command.Add(noColor);
        command.SetAction(parse => CommandGuard.Run(
            () => List(parse.GetValue(count), parse.GetValue(json), parse.GetValue(noColor)), parse.GetValue(noColor)));

        var show = new Command("show", "Show one logged exchange in full: prompt, reasoning, answer, usage, timings, error");
        var id = new Argument<long>("id") { Description = "The exchange's id (first column of `reason logs`)" };
        var showJson = new Option<bool>("--json") { Description = "As one JSON object" };
        var showNoColor = new Option<bool>("--no-color") { Description = "Plain text" };
        show.Add(id);
        show.Add(showJson);
        show.Add(showNoColor);
        show.SetAction(parse => CommandGuard.Run(
            () => Show(parse.GetValue(id), parse.GetValue(showJson), parse.GetValue(showNoColor)), parse.GetValue(showNoColor)));
        command.Add(show);
        return command;
    }

    private static int List(int count, bool json, bool noColor)
    {
        if (count <= 0) throw new CliException(ExitCodes.Usage, "--count must be at least 1.", null);
        using var log = LogOpener.Open(AppPaths.FromEnvironment());
        var records = log.Latest(count);
        var stdout = ConsoleTarget.StandardOutput(noColor);
        if (json)
        {
            stdout.Writer.WriteLine(JsonSerializer.Serialize(records.ToList(), CliJsonContext.Default.ListExchangeRecord));
            stdout.Writer.Flush();
            return 0;
        }

        if (records.Count == 0)
        {
            stdout.Writer.WriteLine("The log is empty.");
            stdout.Writer.Flush();
            return 0;
        }

        TableWriter.Write(stdout, ["id", "when (UTC)", "conversation", "status", "model", "prompt", "answer"],
            records.Select(r => (IReadOnlyList<string>)[
                r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                r.StartedAt.Replace('T', ' ')[..Math.Min(19, r.StartedAt.Length)],
                $"{r.ConversationId} #{r.Turn}",
                r.Status,
                r.Model,
                Shorten(r.Prompt, 40),
                Shorten(r.Answer, 40)]));
        return 0;
    }

    private static int Show(long id, bool json, bool noColor)
    {
        using var log = LogOpener.Open(AppPaths.FromEnvironment());
        var record = log.Find(id) ?? throw new CliException(ExitCodes.Usage, $"No exchange {id} in the log.", "`reason logs` lists the ids");
        var stdout = ConsoleTarget.StandardOutput(noColor);
        if (json)
        {
            stdout.Writer.WriteLine(JsonSerializer.Serialize(record, CliJsonContext.Default.ExchangeRecord));
        }
        else
        {
            LogRecordView.Write(stdout, record);
        }

        stdout.Writer.Flush();
        return 0;
    }

    private static string Shorten(string text, int length)
    {
        string line = ErrorDescriber.OneLine(text);
        return line.Length <= length ? line : line[..(length - 1)] + "…";
    }
}
