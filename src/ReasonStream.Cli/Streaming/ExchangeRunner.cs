using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Exchange;
using ReasonStream.Cli.Interaction;
using ReasonStream.Cli.Logging;
using ReasonStream.Cli.Rendering;

namespace ReasonStream.Cli.Streaming;

/// <summary>
/// Runs one exchange end to end: logs it as started, streams every update to the renderer the moment it arrives, and on
/// success, failure or cancellation reports the one outcome every view reads. The library folds the updates into this
/// exchange's accumulator (<see cref="ReasoningClient.StreamAsync(ChatRequest, ChatAccumulator, CancellationToken)"/>), so what
/// arrived before a failure is that accumulator's result, kept once. Never throws: every failure becomes an <see cref="ExchangeOutcome"/>.
/// </summary>
internal static class ExchangeRunner
{
    public static async Task<ExchangeOutcome> RunAsync(
        ClientLease lease, ExchangeRequest request, IExchangeRenderer renderer, ExchangeLogger? log, TerminationSignals signals, CancellationToken cancellationToken)
    {
        var endpoint = request.Endpoint;
        ExchangeRecord? started = log?.Start(request);
        var accumulator = new ChatAccumulator();
        ExchangeOutcome? failed = null;

        renderer.Begin(request, started?.Id);
        lease.OnRetry = renderer.Retrying;
        try
        {
            // The library folds every update into this accumulator before yielding it: one copy of the text, which
            // also is what a failure's partial output holds.
            await DeliverAsync(lease.Client.StreamAsync(request.ToChatRequest(), accumulator, cancellationToken), renderer, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            failed = new ExchangeOutcome(ExchangeStatus.Interrupted, accumulator.ToResult(), null, signals.ExitCode);
        }
        catch (Exception e)
        {
            var context = new ErrorContext(endpoint.Model, endpoint.ProviderName, UrlDisplay.WithoutSecrets(endpoint.BaseUrl), endpoint.ApiKeyVariable, endpoint.Protocol);
            var report = ErrorDescriber.Describe(e, context);
            failed = new ExchangeOutcome(ExchangeStatus.Error, accumulator.ToResult(), report, report.ExitCode);
        }
        finally
        {
            lease.OnRetry = null;
        }

        var outcome = failed ?? ExchangeOutcome.Succeeded(accumulator.ToResult());
        var logged = log?.Finish(started, outcome, signals.Terminated);
        if (logged is not null)
        {
            outcome = outcome with
            {
                LogId = logged.Id,
                Error = outcome.Error is { } error && outcome.HasOutput ? ErrorDescriber.NoteLog(error, logged.Id) : outcome.Error,
            };
        }

        renderer.End(outcome);
        renderer.Flush();
        return outcome;
    }

    /// <summary>
    /// Gives every update to the renderer as it arrives, and decides when what it wrote is sent: before waiting for the
    /// next update (so updates that arrive together leave in one write, and none waits for the one after it), and at once
    /// after an update that was waited for, before the next one is even asked for.
    /// </summary>
    internal static async Task DeliverAsync(IAsyncEnumerable<StreamUpdate> stream, IExchangeRenderer renderer, CancellationToken cancellationToken)
    {
        await using var updates = stream.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            var next = updates.MoveNextAsync();
            bool waited = !next.IsCompleted;
            if (waited) renderer.Flush();
            if (!await next) break;
            renderer.Update(updates.Current);
            // It came after a wait, so the client keeps up with a paced stream: send it now rather than after asking
            // for the next update (docs/performance.md, per-delta latency).
            if (waited) renderer.Flush();
        }
    }
}
