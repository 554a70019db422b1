using System.Text;
using ReasonStream.Testing.Http;

namespace ReasonStream.Testing;

/// <summary>Writes one <see cref="ReplayResponse"/> to the wire: delays, headers, paced and split body, faults.</summary>
internal sealed class ReplayResponseWriter(TimeProvider time, CancellationToken serverStopping)
{
    /// <summary>Writes <paramref name="response"/> and reports how the exchange ended on <paramref name="recorded"/>.</summary>
    public async Task WriteAsync(HttpExchange exchange, ReplayResponse response, RecordedRequest recorded)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(exchange.ClientGone, serverStopping);
        var cancellationToken = stop.Token;
        try
        {
            await DelayAsync(response.DelayBeforeHeaders, cancellationToken);
            if (response.AbortBeforeHeaders)
            {
                recorded.SetOutcome(ResponseOutcome.AbortedByFault);
                exchange.CloseWithoutResponse();
                return;
            }

            await exchange.StartAsync(response.StatusCode, Headers(response), response.SendContentLength ? response.Body.Length : null, cancellationToken);

            var keepAlive = Encoding.UTF8.GetBytes(response.KeepAliveComment);
            await WaitSendingKeepAlivesAsync(exchange, keepAlive, response.KeepAliveInterval, response.DelayBeforeBody, cancellationToken);

            var plan = WritePlan.For(response);
            await WriteBodyAsync(exchange, response.Body, plan, response.Hold?.Gate, cancellationToken);

            switch (plan.Ending)
            {
                case WritePlan.BodyEnding.Abort:
                    recorded.SetOutcome(ResponseOutcome.AbortedByFault);
                    await exchange.EndAbruptlyAsync(cancellationToken);
                    return;
                case WritePlan.BodyEnding.Stall:
                    await WaitSendingKeepAlivesAsync(exchange, keepAlive, response.KeepAliveInterval, Timeout.InfiniteTimeSpan, cancellationToken);
                    break;
            }

            await exchange.CompleteAsync(cancellationToken);
            recorded.SetOutcome(ResponseOutcome.Completed);
        }
        catch (Exception) when (serverStopping.IsCancellationRequested)
        {
            exchange.Abort();
            recorded.SetOutcome(ResponseOutcome.ServerStopped);
        }
        catch (Exception) when (exchange.ClientGone.IsCancellationRequested)
        {
            exchange.Abort();
            recorded.SetOutcome(ResponseOutcome.ClientDisconnected);
        }
    }

    /// <summary>The content type, then the response's own headers (which may replace it).</summary>
    private static Dictionary<string, string> Headers(ReplayResponse response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(response.ContentType)) headers["Content-Type"] = response.ContentType;
        foreach (var (name, value) in response.Headers) headers[name] = value;
        return headers;
    }

    private async Task WriteBodyAsync(HttpExchange exchange, ReadOnlyMemory<byte> bytes, WritePlan plan, ReplayGate? gate, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        var held = TimeSpan.Zero; // the pacing resumes after a hold as if it had not happened
        if (plan.HoldAt == 0) held += await HoldAsync(gate!, cancellationToken);
        foreach (var step in plan.Steps)
        {
            await DelayAsync(step.Due + held - time.GetElapsedTime(start), cancellationToken);
            await exchange.WriteAsync(bytes[step.Start..step.End], cancellationToken);
            if (step.End == plan.HoldAt) held += await HoldAsync(gate!, cancellationToken);
        }
    }

    /// <summary>Waits for the gate's release; returns how long that took.</summary>
    private async Task<TimeSpan> HoldAsync(ReplayGate gate, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        await gate.HoldAsync(cancellationToken);
        return time.GetElapsedTime(start);
    }

    /// <summary>
    /// Waits <paramref name="duration"/> (or until cancelled if infinite), writing a keep-alive at every multiple of
    /// <paramref name="interval"/> that falls strictly inside it. The count is fixed by the schedule, not by how late the timer fires.
    /// </summary>
    private async Task WaitSendingKeepAlivesAsync(HttpExchange exchange, byte[] keepAlive, TimeSpan? interval, TimeSpan duration, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        var infinite = duration == Timeout.InfiniteTimeSpan;
        if (interval is { } every)
        {
            for (var next = every; infinite || next < duration; next += every)
            {
                await DelayAsync(next - time.GetElapsedTime(start), cancellationToken);
                await exchange.WriteAsync(keepAlive, cancellationToken);
            }
        }

        if (infinite)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken);
        }
        else
        {
            await DelayAsync(duration - time.GetElapsedTime(start), cancellationToken);
        }
    }

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return delay > TimeSpan.Zero ? Task.Delay(delay, time, cancellationToken) : Task.CompletedTask;
    }
}
