using System.Globalization;
using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Interaction;
using ReasonStream.Cli.Json;
using ReasonStream.Cli.Logging;
using ReasonStream.Cli.Rendering;

namespace ReasonStream.Cli.Streaming;

/// <summary>
/// Runs one exchange end to end: logs it as started, streams every update to the renderer the moment it
/// arrives, and on success, failure or cancellation keeps what arrived, completes the log row, and reports.
/// Never throws: every failure becomes an <see cref="ExchangeOutcome"/>.
/// </summary>
internal static class ExchangeRunner
{
    public static async Task<ExchangeOutcome> RunAsync(
        ReasoningClient client, ExchangeRequest request, IExchangeRenderer renderer, ExchangeLog? log, CancellationToken cancellationToken)
    {
        var endpoint = request.Endpoint;
        var context = new ErrorContext(endpoint.Model, endpoint.ProviderName, endpoint.BaseUrl, endpoint.ApiKeyVariable, endpoint.Preset.RetiredModels);
        ExchangeRecord? record = StartLog(log, request);
        var accumulator = new ChatAccumulator();
        string status = ExchangeStatus.Ok;
        ErrorReport? error = null;

        renderer.Begin(endpoint);
        try
        {
            await foreach (var update in client.StreamAsync(request.ToChatRequest(), cancellationToken))
            {
                accumulator.Add(update);
                renderer.Update(update);
            }

            // A stream that ends unfinished throws StreamInterruptedException in the library: nothing to re-check here.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status = ExchangeStatus.Interrupted;
        }
        catch (Exception e)
        {
            status = ExchangeStatus.Error;
            error = Redact(ErrorDescriber.Describe(e, context), endpoint.ApiKey);
        }

        var result = accumulator.ToResult();
        record = FinishLog(log, record, status, result, error);
        if (error is not null && record is { Status: not ExchangeStatus.Running, Id: > 0 } logged) error = ErrorDescriber.NoteLog(error, logged.Id);
        var outcome = new ExchangeOutcome(status, result, error, record);
        renderer.End(outcome);
        return outcome;
    }

    private static ExchangeRecord? StartLog(ExchangeLog? log, ExchangeRequest request)
    {
        if (log is null) return null;
        try
        {
            return log.Insert(new ExchangeRecord
            {
                ConversationId = request.ConversationId,
                Turn = request.Turn,
                StartedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                Provider = request.Endpoint.ProviderName,
                Model = request.Endpoint.Model,
                BaseUrl = request.Endpoint.BaseUrl,
                SystemPrompt = request.SystemPrompt,
                Prompt = request.Prompt,
            });
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return null; // A broken log must not stop the answer; `reason logs` reports the database's state.
        }
    }

    private static ExchangeRecord? FinishLog(ExchangeLog? log, ExchangeRecord? record, string status, ChatResult result, ErrorReport? error)
    {
        if (log is null || record is null) return record;
        var completed = record with
        {
            Status = status,
            Reasoning = result.Reasoning,
            Answer = result.Answer,
            ToolCalls = JsonMapping.ToolCalls(result),
            Usage = JsonMapping.Usage(result.Usage),
            Timings = JsonMapping.Timings(result),
            FinishReason = result.FinishReason,
            Truncated = result.IsTruncated,
            ErrorKind = error?.Kind ?? (status != ExchangeStatus.Interrupted ? null : InterruptSignal.Terminated ? "terminated" : "interrupted_by_user"),
            ErrorMessage = error?.Message,
            ExitCode = status == ExchangeStatus.Ok ? ExitCodes.Ok : status == ExchangeStatus.Interrupted ? InterruptSignal.ExitCode : error?.ExitCode,
        };
        try
        {
            log.Complete(completed);
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return record;
        }

        return completed;
    }

    private static ErrorReport Redact(ErrorReport report, string? apiKey) =>
        string.IsNullOrEmpty(apiKey) ? report : report with
        {
            Message = report.Message.Replace(apiKey, "***", StringComparison.Ordinal),
            Hint = report.Hint?.Replace(apiKey, "***", StringComparison.Ordinal),
        };
}
