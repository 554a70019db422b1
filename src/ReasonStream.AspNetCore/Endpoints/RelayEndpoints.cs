using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ReasonStream.AspNetCore;

/// <summary>The HTTP side of a relay: start, follow (SSE), stop, the archive, and the browser client.</summary>
internal sealed class RelayEndpoints(Func<HttpContext, ValueTask<RelayRequest>> start, RelayEndpointOptions endpoint)
{
    private const int MaxEventsPerWrite = 256;

    /// <summary><c>POST {pattern}</c>: the application's callback builds the request; answers 201 <c>{"id": …}</c>.</summary>
    public async Task StartAsync(HttpContext http)
    {
        var runner = http.RequestServices.GetRequiredService<RelayRunner>();
        RelayRequest request;
        try
        {
            request = await start(http).ConfigureAwait(false);
        }
        catch (BadHttpRequestException error)
        {
            await WriteJsonAsync(http, error.StatusCode, EventData.Object("error", error.Message)).ConfigureAwait(false);
            return;
        }

        string? id;
        try
        {
            id = await runner.StartAsync(request, endpoint, http.RequestAborted).ConfigureAwait(false);
        }
        catch (RelayStoreUnavailableException error)
        {
            await WriteJsonAsync(http, StatusCodes.Status503ServiceUnavailable, EventData.Object("error", error.Message)).ConfigureAwait(false);
            return;
        }

        if (id is null)
        {
            http.Response.Headers.RetryAfter = "5";
            await WriteJsonAsync(http, StatusCodes.Status429TooManyRequests, EventData.Object("error", "This server is already running as many streams as it allows; try again shortly.")).ConfigureAwait(false);
            return;
        }

        http.Response.Headers.Location = PathOf(http, id) + "/events";
        await WriteJsonAsync(http, StatusCodes.Status201Created, EventData.Object("id", id)).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>GET {pattern}/{id}/events</c>: every event after the position given by <c>Last-Event-ID</c> (sent by
    /// <c>EventSource</c> when it reconnects) or else <c>?after=N</c> (0 or none: from the start), live until the
    /// stream's terminal event. 204 when nothing is left to send, 404 when the stream is unknown or expired.
    /// </summary>
    public static async Task EventsAsync(HttpContext http)
    {
        var id = http.Request.RouteValues["id"] as string;
        if (!RelayRunner.IsWellFormedId(id))
        {
            await NotFoundAsync(http).ConfigureAwait(false);
            return;
        }

        if (!TryReadPosition(http.Request, out var after))
        {
            await WriteJsonAsync(http, StatusCodes.Status400BadRequest, EventData.Object("error", "Last-Event-ID (or ?after=) must be a whole number of 0 or more.")).ConfigureAwait(false);
            return;
        }

        var store = http.RequestServices.GetRequiredService<IRelayStore>();
        var options = http.RequestServices.GetRequiredService<IOptions<ReasoningRelayOptions>>().Value;
        FeedLease? lease;
        try
        {
            lease = await store.FollowAsync(id!, http.RequestAborted).ConfigureAwait(false);
        }
        catch (RelayStoreUnavailableException error)
        {
            await WriteJsonAsync(http, StatusCodes.Status503ServiceUnavailable, EventData.Object("error", error.Message)).ConfigureAwait(false);
            return;
        }

        if (lease is null)
        {
            await NotFoundAsync(http).ConfigureAwait(false);
            return;
        }

        using (lease)
        {
            var feed = lease.Feed;
            if (feed.IsComplete && after >= feed.LastSequence)
            {
                // The browser has everything; 204 also tells EventSource not to reconnect.
                http.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "text/event-stream; charset=utf-8";
            http.Response.Headers.CacheControl = "no-cache, no-transform";
            http.Response.Headers["X-Accel-Buffering"] = "no";
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await FollowAsync(http, feed, after, options).ConfigureAwait(false);
        }
    }

    /// <summary><c>POST {pattern}/{id}/cancel</c>: stops the stream wherever it runs; 202, 404, or 409 when already finished.</summary>
    public static async Task CancelAsync(HttpContext http)
    {
        var id = http.Request.RouteValues["id"] as string;
        if (!RelayRunner.IsWellFormedId(id))
        {
            await NotFoundAsync(http).ConfigureAwait(false);
            return;
        }

        CancelOutcome outcome;
        try
        {
            outcome = await http.RequestServices.GetRequiredService<IRelayStore>().RequestCancelAsync(id!, http.RequestAborted).ConfigureAwait(false);
        }
        catch (RelayStoreUnavailableException error)
        {
            await WriteJsonAsync(http, StatusCodes.Status503ServiceUnavailable, EventData.Object("error", error.Message)).ConfigureAwait(false);
            return;
        }

        switch (outcome)
        {
            case CancelOutcome.Requested:
                await WriteJsonAsync(http, StatusCodes.Status202Accepted, EventData.Object("status", "stopping")).ConfigureAwait(false);
                break;
            case CancelOutcome.AlreadyFinished:
                await WriteJsonAsync(http, StatusCodes.Status409Conflict, EventData.Object("error", "The stream has already finished.")).ConfigureAwait(false);
                break;
            default:
                await NotFoundAsync(http).ConfigureAwait(false);
                break;
        }
    }

    private static async Task FollowAsync(HttpContext http, StreamFeed feed, long after, ReasoningRelayOptions options)
    {
        var output = http.Response.BodyWriter;
        var aborted = http.RequestAborted;
        var batch = new List<RelayEvent>(MaxEventsPerWrite);
        var cursor = after;

        // When this instance stops, a follower of a stream running elsewhere leaves at once (EventSource resumes with
        // Last-Event-ID wherever the load balancer sends it); one of a stream running here stays for its end, which
        // the runner writes (producer_lost) as the instance stops.
        using var leave = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var runner = http.RequestServices.GetRequiredService<RelayRunner>();
        var stopping = http.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var registration = stopping.Register(() =>
        {
            if (!runner.Runs(feed.StreamId)) leave.Cancel();
        });

        SseWriter.WriteRetry(output, options.ReconnectDelay);
        try
        {
            await output.FlushAsync(aborted).ConfigureAwait(false);
            while (!leave.IsCancellationRequested)
            {
                batch.Clear();
                var read = feed.Read(cursor, batch, MaxEventsPerWrite);
                if (read.Count > 0)
                {
                    foreach (var item in batch) SseWriter.WriteEvent(output, item);
                    cursor = batch[^1].Sequence;
                }

                if (read.Failure is { } failure) SseWriter.WriteFailure(output, failure);
                if (read.Count > 0 || read.Failure is not null) await output.FlushAsync(aborted).ConfigureAwait(false);
                if (read.Complete || read.Failure is not null) return;
                if (read.Count > 0) continue;

                try
                {
                    await feed.WhenAfter(cursor).WaitAsync(options.KeepAliveInterval, leave.Token).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    SseWriter.WriteKeepAlive(output);
                    await output.FlushAsync(aborted).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (leave.IsCancellationRequested)
        {
            // The browser went away, or this instance is stopping; either way it resumes with Last-Event-ID.
        }
    }

    private static bool TryReadPosition(HttpRequest request, out long after)
    {
        after = 0;
        // EventSource repeats the original URL (with its ?after=) on every reconnect, plus the newer Last-Event-ID.
        var text = request.Headers["Last-Event-ID"].ToString();
        if (text.Length == 0) text = request.Query["after"].ToString();
        return text.Length == 0 || (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out after) && after >= 0);
    }

    private static string PathOf(HttpContext http, string id)
    {
        var path = http.Request.PathBase + http.Request.Path;
        return path.Value!.TrimEnd('/') + "/" + id;
    }

    internal static Task NotFoundAsync(HttpContext http) =>
        WriteJsonAsync(http, StatusCodes.Status404NotFound, EventData.Object("error", "No such stream: it never existed, or its retention ended."));

    internal static async Task WriteJsonAsync(HttpContext http, int status, byte[] json)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.Body.WriteAsync(json, http.RequestAborted).ConfigureAwait(false);
    }
}
