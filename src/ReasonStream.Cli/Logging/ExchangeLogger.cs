using System.Globalization;
using Microsoft.Data.Sqlite;
using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Exchange;
using ReasonStream.Cli.Rendering;

namespace ReasonStream.Cli.Logging;

/// <summary>
/// Logs exchanges for one command (a whole chat session), never at the answer's expense: when the database cannot take a
/// row (full disk, read-only, locked past <see cref="ExchangeLog.LockWait"/>, too big), it says so once on stderr, stops
/// trying (a locked database would cost every later write its wait too), and reports the exchange as not logged — a row
/// that could not be completed is never claimed as the exchange's log.
/// </summary>
internal sealed class ExchangeLogger(ExchangeLog? log, MessagePrinter messages)
{
    private bool _failed;

    /// <summary>Writes the row of an exchange about to start (status <c>running</c>); null when not logging.</summary>
    public ExchangeRecord? Start(ExchangeRequest request)
    {
        if (log is null || _failed) return null;
        try
        {
            return log.Insert(new ExchangeRecord
            {
                ConversationId = request.ConversationId,
                Turn = request.Turn,
                StartedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                Provider = request.Endpoint.ProviderName,
                Model = request.Endpoint.Model,
                BaseUrl = UrlDisplay.WithoutSecrets(request.Endpoint.BaseUrl),
                SystemPrompt = request.SystemPrompt,
                Prompt = request.Prompt,
            });
        }
        catch (Exception e) when (e is SqliteException or IOException or InvalidOperationException)
        {
            Fail($"this exchange is not logged: {Reason(e)}");
            return null;
        }
    }

    /// <summary>
    /// Completes the row with the exchange's outcome; returns the completed record, or null when it could not be completed
    /// (it then stays <c>running</c>). <paramref name="terminated"/>: the exchange was stopped by SIGTERM, not Ctrl+C.
    /// </summary>
    public ExchangeRecord? Finish(ExchangeRecord? started, ExchangeOutcome outcome, bool terminated)
    {
        if (log is null || started is null) return null;
        var completed = Completed(started, outcome, terminated);
        try
        {
            log.Complete(completed);
            return completed;
        }
        catch (Exception e) when (e is SqliteException or IOException or InvalidOperationException)
        {
            Fail($"this exchange is logged incompletely: row {started.Id.ToString(CultureInfo.InvariantCulture)} stays 'running' without its output: {Reason(e)}");
            return null;
        }
    }

    /// <summary>The row of a finished exchange, from the outcome every view reads.</summary>
    public static ExchangeRecord Completed(ExchangeRecord started, ExchangeOutcome outcome, bool terminated)
    {
        var result = outcome.Result;
        return started with
        {
            Status = outcome.Status,
            Reasoning = result.Reasoning,
            Answer = result.Answer,
            ToolCalls = ToolCalls(result),
            Usage = result.Usage is { } u ? new LoggedUsage(u.PromptTokens, u.CompletionTokens, u.OutputTokens, u.ReasoningTokens,
                u.CachedInputTokens, u.PromptCacheHitTokens, u.PromptCacheMissTokens, u.TotalTokens) : null,
            Timings = Timings(result),
            FinishReason = result.FinishReason,
            Truncated = result.IsTruncated,
            ErrorKind = outcome.Error?.Kind ?? (outcome.Status != ExchangeStatus.Interrupted ? null : terminated ? "terminated" : "interrupted_by_user"),
            ErrorMessage = outcome.Error?.Message,
            ExitCode = outcome.ExitCode,
        };
    }

    /// <summary>The complete tool calls of a result, as the log keeps them.</summary>
    public static IReadOnlyList<LoggedToolCall> ToolCalls(ChatResult result) =>
        [.. result.ToolCalls.Select(c => new LoggedToolCall(c.Id, c.Name, c.Arguments))];

    private static LoggedTimings Timings(ChatResult result)
    {
        var t = result.Timings;
        return new LoggedTimings(Ms(t.TimeToFirstByte), Ms(t.TimeToFirstReasoning), Ms(t.TimeToFirstAnswer), Ms(t.ReasoningDuration),
            Ms(t.Total) ?? 0, result.OutputTokensPerSecond is { } rate ? Math.Round(rate, 1) : null);
    }

    private static double? Ms(TimeSpan? time) => time is { } t ? Math.Round(t.TotalMilliseconds, 1) : null;

    private void Fail(string message)
    {
        if (!_failed)
        {
            messages.Warning(message, $"the answer is not affected; check {log?.Path ?? "the log database"} (free space, permissions, another program holding it), or pass --no-log");
        }

        _failed = true;
    }

    /// <summary>SQLite's own words ("database is locked"), without Microsoft.Data.Sqlite's wrapping ("SQLite Error 5: '…'.").</summary>
    private static string Reason(Exception e)
    {
        string message = e.Message.TrimEnd('.');
        if (e is SqliteException sqlite) message = message.Replace("SQLite Error " + sqlite.SqliteErrorCode.ToString(CultureInfo.InvariantCulture) + ": ", "", StringComparison.Ordinal);
        return message.Length > 1 && message[0] == '\'' && message[^1] == '\'' ? message[1..^1] : message;
    }
}
