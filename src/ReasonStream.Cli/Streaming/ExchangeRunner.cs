using ReasonStream.Cli.Configuration;
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
        ClientLease lease, ExchangeRequest request, IExchangeRenderer renderer, ExchangeLogger? log, CancellationToken cancellationToken)
    {
        var endpoint = request.Endpoint;
        var context = new ErrorContext(endpoint.Model, endpoint.ProviderName, UrlDisplay.WithoutSecrets(endpoint.BaseUrl), endpoint.ApiKeyVariable, endpoint.Preset.RetiredModels);
        ExchangeRecord? started = log?.Start(request);
        var accumulator = new ChatAccumulator();
        string status = ExchangeStatus.Ok;
        ErrorReport? error = null;

        renderer.Begin(endpoint);
        lease.OnRetry = renderer.Retrying;
        try
        {
            // The library folds every update into this accumulator before yielding it: one copy of the text, which
            // also is what a failure's partial output holds.
            await using var updates = lease.Client.StreamAsync(request.ToChatRequest(), accumulator, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                var next = updates.MoveNextAsync();
                // Nothing more is ready: send what the updates so far wrote, in one write, before waiting. Updates that
                // arrive together leave together, and none waits for the next one.
                if (!next.IsCompleted) renderer.Flush();
                if (!await next) break;
                renderer.Update(updates.Current);
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
        finally
        {
            lease.OnRetry = null;
        }

        var result = accumulator.ToResult();
        var logged = started is null ? null : log!.Finish(started, Completed(started, status, result, error));
        if (error is not null && logged is not null) error = ErrorDescriber.NoteLog(error, logged.Id);
        var outcome = new ExchangeOutcome(status, result, error, logged);
        renderer.End(outcome);
        renderer.Flush();
        return outcome;
    }

    private static ExchangeRecord Completed(ExchangeRecord record, string status, ChatResult result, ErrorReport? error) => record with
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

    private static ErrorReport Redact(ErrorReport report, string? apiKey) =>
        string.IsNullOrEmpty(apiKey) ? report : report with
        {
            Message = report.Message.Replace(apiKey, "***", StringComparison.Ordinal),
            Hint = report.Hint?.Replace(apiKey, "***", StringComparison.Ordinal),
        };
}
