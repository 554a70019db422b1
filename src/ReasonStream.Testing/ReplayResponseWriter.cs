using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ReasonStream.Testing;

/// <summary>Writes one <see cref="ReplayResponse"/> to the wire: delays, headers, paced and split body, faults.</summary>
internal sealed class ReplayResponseWriter(TimeProvider time, CancellationToken serverStopping)
{
    /// <summary>Writes <paramref name="response"/> and reports how the exchange ended on <paramref name="recorded"/>.</summary>
    public async Task WriteAsync(HttpContext context, ReplayResponse response, RecordedRequest recorded)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, serverStopping);
        var cancellationToken = stop.Token;
        try
        {
            await DelayAsync(response.DelayBeforeHeaders, cancellationToken);
            if (response.AbortBeforeHeaders)
            {
                recorded.SetOutcome(ResponseOutcome.AbortedByFault);
                context.Abort();
                return;
            }

            await StartAsync(context, response, cancellationToken);

            var body = context.Response.Body;
            var keepAlive = Encoding.UTF8.GetBytes(response.KeepAliveComment);
            await WaitSendingKeepAlivesAsync(body, keepAlive, response.KeepAliveInterval, response.DelayBeforeBody, cancellationToken);

            var plan = WritePlan.For(response);
            await WriteBodyAsync(body, response.Body, plan.Steps, cancellationToken);

            switch (plan.Ending)
            {
                case WritePlan.BodyEnding.Abort:
                    recorded.SetOutcome(ResponseOutcome.AbortedByFault);
                    await EndAbruptlyAsync(context, cancellationToken);
                    return;
                case WritePlan.BodyEnding.Stall:
                    await WaitSendingKeepAlivesAsync(body, keepAlive, response.KeepAliveInterval, Timeout.InfiniteTimeSpan, cancellationToken);
                    break;
            }

            await context.Response.CompleteAsync();
            recorded.SetOutcome(ResponseOutcome.Completed);
        }
        catch (Exception) when (serverStopping.IsCancellationRequested)
        {
            context.Abort();
            recorded.SetOutcome(ResponseOutcome.ServerStopped);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            recorded.SetOutcome(ResponseOutcome.ClientDisconnected);
        }
    }

    /// <summary>
    /// Ends the connection without the response's clean end, and without losing bytes already flushed.
    /// Aborting at once would reset the socket (it has a receive pending), and a reset discards bytes still in
    /// kernel buffers. So: send FIN after the queued bytes, wait for the client to close (or the server to stop), then abort.
    /// </summary>
    private static async Task EndAbruptlyAsync(HttpContext context, CancellationToken clientGoneOrServerStopping)
    {
        var socket = context.Features.Get<IConnectionSocketFeature>()?.Socket;
        if (socket is not null)
        {
            try
            {
                socket.Shutdown(SocketShutdown.Send);
                await Task.Delay(Timeout.InfiniteTimeSpan, clientGoneOrServerStopping);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client has closed, the server is stopping, or the socket is already gone: abort now.
            }
        }

        context.Abort();
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
