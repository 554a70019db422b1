using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ReasonStream.Testing;

/// <summary>Writes one <see cref="ReplayResponse"/> to the wire: delays, headers, paced and split body, faults.</summary>
internal sealed class ReplayResponseWriter(TimeProvider time, CancellationToken serverStopping)
{
    public async Task<ResponseOutcome> WriteAsync(HttpContext context, ReplayResponse response)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, serverStopping);
        var cancellationToken = stop.Token;
        try
        {
            await DelayAsync(response.DelayBeforeHeaders, cancellationToken);
            await StartAsync(context, response, cancellationToken);

            var body = context.Response.Body;
            var keepAlive = Encoding.UTF8.GetBytes(response.KeepAliveComment);
            await WaitSendingKeepAlivesAsync(body, keepAlive, response.KeepAliveInterval, response.DelayBeforeBody, cancellationToken);

            var plan = WritePlan.For(response);
            await WriteBodyAsync(body, response.Body, plan.Steps, cancellationToken);

            switch (plan.Ending)
            {
                case WritePlan.BodyEnding.Abort:
                    context.Abort();
                    return ResponseOutcome.AbortedByFault;
                case WritePlan.BodyEnding.Stall:
                    await WaitSendingKeepAlivesAsync(body, keepAlive, response.KeepAliveInterval, Timeout.InfiniteTimeSpan, cancellationToken);
                    break;
            }

            await context.Response.CompleteAsync();
            return ResponseOutcome.Completed;
        }
        catch (Exception) when (serverStopping.IsCancellationRequested)
        {
            context.Abort();
            return ResponseOutcome.ServerStopped;
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            return ResponseOutcome.ClientDisconnected;
        }
    }

    private static async Task StartAsync(HttpContext context, ReplayResponse response, CancellationToken cancellationToken)
    {
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var http = context.Response;
        http.StatusCode = response.StatusCode;
        http.ContentType = response.ContentType;
        foreach (var (name, value) in response.Headers) http.Headers[name] = value;
        if (response.SendContentLength) http.ContentLength = response.Body.Length;

        await http.StartAsync(cancellationToken);
        await http.Body.FlushAsync(cancellationToken);
    }

    private async Task WriteBodyAsync(Stream body, ReadOnlyMemory<byte> bytes, IReadOnlyList<WriteStep> steps, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        foreach (var step in steps)
        {
            await DelayAsync(step.Due - time.GetElapsedTime(start), cancellationToken);
            await body.WriteAsync(bytes[step.Start..step.End], cancellationToken);
            await body.FlushAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Waits <paramref name="duration"/> (or until cancelled if infinite), writing a keep-alive at every multiple of
    /// <paramref name="interval"/> that falls strictly inside it. The count is fixed by the schedule, not by how late the timer fires.
    /// </summary>
    private async Task WaitSendingKeepAlivesAsync(Stream body, byte[] keepAlive, TimeSpan? interval, TimeSpan duration, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        var infinite = duration == Timeout.InfiniteTimeSpan;
        if (interval is { } every)
        {
            for (var next = every; infinite || next < duration; next += every)
            {
                await DelayAsync(next - time.GetElapsedTime(start), cancellationToken);
                await body.WriteAsync(keepAlive, cancellationToken);
                await body.FlushAsync(cancellationToken);
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
