using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace ReasonStream;

public sealed partial class ReasoningClient
{
    private const int MaxErrorBodyBytes = 64 * 1024;

    private static readonly ProductInfoHeaderValue UserAgent =
        new("ReasonStream", typeof(ReasoningClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0");

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>Creates a client.</summary>
    /// <param name="options">Endpoint, key, timeouts.</param>
    /// <param name="httpClient">
    /// An <see cref="HttpClient"/> to use (e.g. from <c>IHttpClientFactory</c>). By default the client makes its own,
    /// with <see cref="ReasoningClientOptions.ConnectTimeout"/> applied and no overall timeout (the stream's own
    /// first-token and stall timeouts take its place). With a supplied client, its <see cref="HttpClient.Timeout"/> bounds only
    /// the wait for the response headers — it never cuts a long stream — and the connect timeout is its handler's
    /// (<see cref="CreateDefaultHandler"/> builds one with the options' connect timeout).
    /// </param>
    public ReasoningClient(ReasoningClientOptions options, HttpClient? httpClient = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _ownsHttp = httpClient is null;
        _http = httpClient ?? CreateHttpClient(options);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    /// <summary>
    /// The handler the client builds for itself: connect timeout, no draining of abandoned responses, and redirects left to
    /// the client (which follows them on the same origin with the credentials, and never to another origin; the handler's
    /// own redirects would drop the key even on the same origin). Compressed bodies are decoded by the client, with any handler.
    /// </summary>
    /// <param name="options">The options whose connect timeout applies.</param>
    public static HttpMessageHandler CreateDefaultHandler(ReasoningClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // A cancelled stream must close its connection at once, not be drained in the background.
            MaxResponseDrainSize = 0,
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
    }

    private static HttpClient CreateHttpClient(ReasoningClientOptions options) =>
        new(CreateDefaultHandler(options)) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>
    /// One request's stream. With <paramref name="sync"/> (the synchronous API) every wait — the request, the backoff
    /// between attempts, each read — blocks the caller's thread instead of awaiting, so each step of the enumerator is
    /// complete when it returns and no thread-pool thread is needed: blocking over async grew the pool by a thread per
    /// waiting caller. Cancellation and the timeouts then close the response, which ends a blocked read.
    /// </summary>
    private IAsyncEnumerable<StreamUpdate> StreamCoreAsync(ChatRequest request, ChatAccumulator? external, bool sync, CancellationToken cancellationToken)
    {
        var telemetry = StreamTelemetry.IfObserved(request, Options);
        var updates = StreamCoreAsync(request, external, sync, telemetry, cancellationToken);
        // The source already has the token; Observe passes on only one given later through WithCancellation.
        return telemetry is null ? updates : StreamTelemetry.Observe(updates, telemetry, CancellationToken.None);
    }

    private async IAsyncEnumerable<StreamUpdate> StreamCoreAsync(ChatRequest request, ChatAccumulator? external, bool sync, StreamTelemetry? telemetry, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        var partial = external ?? (Options.KeepPartialOutput ? new ChatAccumulator(start) : null);
        var protocol = ProtocolModule.For(Options.EffectiveProtocol);
        byte[] body = protocol.WriteRequest(request with { Messages = ForeignReasoning.Drop(request.Messages, Options.ReasoningOrigin) }, Options);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var watchdog = new StreamWatchdog(cancel, Options.FirstTokenTimeout, Options.StallTimeout);

        var (response, attempts) = await SendAsync(body, request, protocol, watchdog, telemetry, sync, cancel.Token, cancellationToken).ConfigureAwait(false);
        telemetry?.ResponseStarted(attempts);
        using (response)
        using (sync ? cancel.Token.Register(static r => ((HttpResponseMessage)r!).Dispose(), response) : default)
        {
            var started = new ResponseStarted((int)response.StatusCode, RequestIdOf(response)) { Origin = Options.ReasoningOrigin };
            partial?.Add(started);
            watchdog.Suspend();
            yield return started;
            watchdog.Resume();

            var reader = protocol.CreateReader(Options);
            var phase = new ReasoningPhase();
            var pending = new List<StreamUpdate>(8);
            IAsyncEnumerator<SseItem<int>>? events = null;
            Stream? responseBody = null;
            try
            {
                try
                {
                    var stream = new LivenessStream(await ReadBodyAsync(response.Content, sync, cancel.Token).ConfigureAwait(false), watchdog);
                    responseBody = stream;
                    events = EventFraming.Open(stream, response.Content.Headers.ContentType?.MediaType, protocol, reader, pending, Options.MaxEventSize, sync, cancel.Token);
                }
                catch (Exception ex) when (ex is not ReasonStreamException)
                {
                    throw StreamFailure(ex, request, reader, partial, watchdog, attempts, cancellationToken);
                }

                while (true)
                {
                    bool more;
                    try
                    {
                        more = await events.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (Exception ex) when (EndsAfterFinish(ex, reader, watchdog, cancellationToken))
                    {
                        // The finish arrived; only the end marker (and perhaps usage) was lost: the answer is complete.
                        more = false;
                    }
                    catch (Exception ex)
                    {
                        foreach (var update in pending) partial?.Add(update);
                        throw ex is ReasonStreamException known ? Attach(known, request, partial, attempts) : StreamFailure(ex, request, reader, partial, watchdog, attempts, cancellationToken);
                    }

                    if (!more) break;
                    if (pending.Count > 0)
                    {
                        // Only text moves the stall clock; the time the caller spends on the updates is left out.
                        if (CarriesProgress(pending)) watchdog.ProgressAndSuspend();
                        else watchdog.Suspend();
                        for (int i = 0; i < pending.Count; i++)
                        {
                            var update = pending[i];
                            if (phase.Before(update) is { } ended)
                            {
                                partial?.Add(ended);
                                yield return ended;
                            }

                            partial?.Add(update);
                            yield return update;
                        }

                        Clear(pending);
                        watchdog.Resume();
                    }

                    if (reader.Error is { } error) throw InStreamError(error, request, partial, attempts);
                    if (reader.Done) break;
                }

                reader.Flush(pending);
                foreach (var update in pending)
                {
                    if (phase.Before(update) is { } ended)
                    {
                        partial?.Add(ended);
                        yield return ended;
                    }

                    partial?.Add(update);
                    yield return update;
                }

                pending.Clear();
                if (reader.Error is { } late) throw InStreamError(late, request, partial, attempts);
                if (!reader.Done && reader.FinishReason is null)
                {
                    throw Attach(new StreamInterruptedException(
                        $"The stream ended after {reader.Events} events without a finish reason or end marker: the response is incomplete."), request, partial, attempts);
                }

                var finished = new StreamFinished(reader.FinishReason ?? FinishReasons.Unknown);
                if (phase.Before(finished) is { } last)
                {
                    partial?.Add(last);
                    yield return last;
                }

                partial?.Add(finished);
                watchdog.Suspend();
                yield return finished;
                if (responseBody is not null) await DrainAsync(responseBody, sync).ConfigureAwait(false);
            }
            finally
            {
                if (events is not null) await events.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static bool CarriesProgress(List<StreamUpdate> updates)
    {
        for (int i = 0; i < updates.Count; i++)
        {
            if (updates[i] is ReasoningDelta or AnswerDelta or ToolCallDelta or ReasoningBlockEnd) return true;
        }

        return false;
    }

    /// <summary>Empties the event's updates; most events have one, and removing it costs less than clearing the list.</summary>
    private static void Clear(List<StreamUpdate> updates)
    {
        if (updates.Count == 1) updates.RemoveAt(0);
        else updates.Clear();
    }

    /// <summary>A connection lost after the finish reason arrived ends the stream like a missing end marker does.</summary>
    private static bool EndsAfterFinish(Exception ex, ProtocolReader reader, StreamWatchdog watchdog, CancellationToken callerToken) =>
        reader.FinishReason is not null && reader.Error is null && !callerToken.IsCancellationRequested &&
        watchdog.Verdict == WatchdogVerdict.None && ex is IOException or HttpRequestException;

    private async ValueTask<(HttpResponseMessage Response, int Attempts)> SendAsync(byte[] body, ChatRequest request, ProtocolModule protocol, StreamWatchdog watchdog, StreamTelemetry? telemetry, bool sync, CancellationToken token, CancellationToken callerToken)
    {
        var budget = new RetryBudget(Options.Retry);
        var endpoint = protocol.EndpointFor(Options.BaseUri, Options.EndpointPath, request.Model);
        var target = endpoint;
        int hops = 0;
        for (int attempt = 1; ; attempt++)
        {
            watchdog.Restart();
            using var message = CreateMessage(body, target, protocol);
            HttpResponseMessage response;
            try
            {
                response = sync ? Send(message, body, target, protocol, token) : await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (callerToken.IsCancellationRequested)
            {
                throw new StreamCanceledException(null, callerToken);
            }
            catch (OperationCanceledException) when (watchdog.Verdict == WatchdogVerdict.NoFirstToken)
            {
                var timeout = NoFirstToken(request, null, attempt, watchdog);
                telemetry?.Attempt(null, timeout);
                throw timeout;
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
            {
                var failure = ErrorMapper.With(
                    new ConnectionFailedException($"Could not reach {ReasoningClientOptions.Display(target)}: {Describe(ex)}", ex),
                    null, null, null, request.Model, attempt);
                telemetry?.Attempt(null, failure);
                if (attempt > Options.Retry.MaxRetries || !budget.TryNext(attempt, null, out var wait, out _)) throw failure;
                await BackOffAsync(failure, attempt, wait, watchdog, telemetry, sync, callerToken).ConfigureAwait(false);
                continue;
            }

            int status = (int)response.StatusCode;
            telemetry?.Attempt(status, null);
            // A handler that follows redirects itself (a supplied HttpClient) says so only through the request it ended at.
            var answeredBy = response.RequestMessage?.RequestUri ?? target;
            Uri? redirected = answeredBy == endpoint ? null : answeredBy;
            if (Redirects.IsRedirect(status) && Redirects.Target(response, answeredBy) is { } next)
            {
                response.Dispose();
                if (!Redirects.MayFollow(answeredBy, next) || hops == Redirects.MaxHops)
                {
                    throw ErrorMapper.With(new HttpStatusException(hops == Redirects.MaxHops
                        ? $"Too many redirects (HTTP {status}): {Redirects.MaxHops} in a row from {ReasoningClientOptions.Display(endpoint)}, the last to {ReasoningClientOptions.Display(next)}."
                        : $"The server redirected the request (HTTP {status}) from {ReasoningClientOptions.Display(answeredBy)} to {ReasoningClientOptions.Display(next)}, another origin; the client follows redirects only on the same origin, so the key never goes to another server. If that address is right, use it as the base URL."),
                        status, null, null, request.Model, attempt);
                }

                // Same origin: the same request, credentials included, even where HTTP would turn a POST into a GET.
                hops++;
                target = next;
                attempt--;
                continue;
            }

            if (response.IsSuccessStatusCode)
            {
                if (ContentDecoding.Decode(response) is { } unknown)
                {
                    response.Dispose();
                    throw ErrorMapper.With(new StreamProtocolException(
                        $"The response is encoded as '{unknown}' (Content-Encoding), which the client cannot decode; it reads {ContentDecoding.Known}."),
                        status, null, null, request.Model, attempt);
                }

                return (response, attempt);
            }

            ReasonStreamException error;
            TimeSpan delay = TimeSpan.Zero;
            using (response)
            {
                bool retry = ErrorMapper.IsRetryable(status) && attempt <= Options.Retry.MaxRetries;
                string? refusal = null;
                if (retry) retry = budget.TryNext(attempt, ErrorMapper.RetryAfter(response.Headers), out delay, out refusal);
                ContentDecoding.Decode(response); // a compressed error page is read as text; an unknown encoding shows as its bytes
                byte[] errorBody = await ReadErrorBodyAsync(response, sync, token).ConfigureAwait(false);
                error = ErrorMapper.FromResponse(status, response.Headers, errorBody, response.Content.Headers.ContentType?.ToString(), request, Options, attempt, redirected, refusal);
                if (!retry) throw error;
            }

            await BackOffAsync(error, attempt, delay, watchdog, telemetry, sync, callerToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The synchronous send, on the caller's thread. A handler that can only send asynchronously (one that overrides
    /// only <see cref="HttpMessageHandler"/>'s SendAsync, or HTTP/2) refuses before sending anything: the request then
    /// goes the asynchronous way, waited for.
    /// </summary>
    private HttpResponseMessage Send(HttpRequestMessage message, byte[] body, Uri target, ProtocolModule protocol, CancellationToken token)
    {
        try
        {
            return _http.Send(message, HttpCompletionOption.ResponseHeadersRead, token);
        }
        catch (NotSupportedException)
        {
            // A message is sent once only: send a fresh one.
            using var again = CreateMessage(body, target, protocol);
            return _http.SendAsync(again, HttpCompletionOption.ResponseHeadersRead, token).GetAwaiter().GetResult();
        }
    }

    /// <summary>The response body: synchronously for the synchronous API, unless the content can only be read asynchronously.</summary>
    private static async ValueTask<Stream> ReadBodyAsync(HttpContent content, bool sync, CancellationToken token)
    {
        if (!sync) return await content.ReadAsStreamAsync(token).ConfigureAwait(false);
        try
        {
            return content.ReadAsStream(token);
        }
        catch (NotSupportedException)
        {
            return content.ReadAsStreamAsync(token).GetAwaiter().GetResult();
        }
    }

    /// <summary>Says that a retry is coming (<see cref="ReasoningClientOptions.OnRetry"/>), then waits for it, outside the timeouts (blocking the caller's thread when <paramref name="sync"/>).</summary>
    private async ValueTask BackOffAsync(ReasonStreamException failure, int attempt, TimeSpan delay, StreamWatchdog watchdog, StreamTelemetry? telemetry, bool sync, CancellationToken callerToken)
    {
        Options.OnRetry?.Invoke(new RetryNotice(failure, attempt, delay));
        telemetry?.Retrying(attempt, delay, failure);
        watchdog.Suspend();
        try
        {
            if (!sync) await Task.Delay(delay, callerToken).ConfigureAwait(false);
            else if (callerToken.WaitHandle.WaitOne(delay)) throw new OperationCanceledException(callerToken);
        }
        catch (OperationCanceledException)
        {
            throw new StreamCanceledException(null, callerToken);
        }

        watchdog.Resume();
    }

    /// <summary>
    /// Reads the few bytes a server sends after the last event (the chunked-encoding terminator), so the
    /// connection goes back to the pool instead of being closed: the next turn of a tool loop then needs
    /// no new handshake. Bounded in time and size; a failure here changes nothing for the caller.
    /// </summary>
    private static async ValueTask DrainAsync(Stream body, bool sync)
    {
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromMilliseconds(250));
            // A blocking read knows no token: the limit closes the body instead, which ends the read.
            using var closing = sync ? limit.Token.Register(static b => ((Stream)b!).Dispose(), body) : default;
            for (int total = 0; total < 16 * 1024;)
            {
                int read = await EventFraming.ReadAsync(body, buffer.AsMemory(), sync, limit.Token).ConfigureAwait(false);
                if (read == 0) break;
                total += read;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException)
        {
            // The connection will simply be closed rather than reused.
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private HttpRequestMessage CreateMessage(byte[] body, Uri target, ProtocolModule protocol)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = new ByteArrayContent(body),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        AddHeaders(message, protocol);
        return message;
    }

    /// <summary>The headers of every request the client sends: user agent, the protocol's, its authentication, then the caller's.</summary>
    private void AddHeaders(HttpRequestMessage message, ProtocolModule protocol)
    {
        message.Headers.UserAgent.Add(UserAgent);
        protocol.AddHeaders(message);
        if (!string.IsNullOrEmpty(Options.ApiKey)) protocol.Authenticate(message, Options.ApiKey);
        foreach (var (name, value) in Options.Headers)
        {
            // The caller's headers win over the protocol's (a newer anthropic-version, say).
            message.Headers.Remove(name);
            message.Headers.TryAddWithoutValidation(name, value);
        }
    }

    private string DisplayEndpoint(ChatRequest request) => ReasoningClientOptions.Display(Options.EndpointFor(request.Model));

    private static async ValueTask<byte[]> ReadErrorBodyAsync(HttpResponseMessage response, bool sync, CancellationToken token)
    {
        try
        {
            using var stream = await ReadBodyAsync(response.Content, sync, token).ConfigureAwait(false);
            using var closing = sync ? token.Register(static r => ((HttpResponseMessage)r!).Dispose(), response) : default;
            var buffer = new byte[MaxErrorBodyBytes];
            int total = 0;
            while (total < buffer.Length)
            {
                int read = await EventFraming.ReadAsync(stream, buffer.AsMemory(total), sync, token).ConfigureAwait(false);
                if (read == 0) break;
                total += read;
            }

            return buffer.AsSpan(0, total).ToArray();
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException or ObjectDisposedException)
        {
            return []; // The status alone still says what went wrong.
        }
    }

    private ReasonStreamException StreamFailure(Exception ex, ChatRequest request, ProtocolReader parser, ChatAccumulator? partial, StreamWatchdog watchdog, int attempts, CancellationToken callerToken)
    {
        // A blocking read ends with the response closed under it (IOException, ObjectDisposedException) rather than with
        // OperationCanceledException: once the caller cancelled, any of them is the cancellation.
        if (callerToken.IsCancellationRequested && ex is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException)
        {
            throw new StreamCanceledException(partial?.ToResult(), callerToken);
        }

        return watchdog.Verdict switch
        {
            WatchdogVerdict.NoFirstToken => NoFirstToken(request, partial, attempts, watchdog),
            WatchdogVerdict.Stalled => Attach(new StreamStalledException(
                $"The stream stalled: no new reasoning, answer or tool call for {Seconds(Options.StallTimeout)} after {parser.Events} events (keep-alive comments and empty events do not count){Liveness(watchdog)}. The partial output is kept.")
            {
                Timeout = Options.StallTimeout,
            }, request, partial, attempts),
            _ => Attach(new StreamInterruptedException($"The connection was lost mid-stream after {parser.Events} events: {Describe(ex)}", ex), request, partial, attempts),
        };
    }

    private FirstTokenTimeoutException NoFirstToken(ChatRequest request, ChatAccumulator? partial, int attempts, StreamWatchdog watchdog) =>
        Attach(new FirstTokenTimeoutException(
            $"No reasoning, answer or tool call arrived within {Seconds(Options.FirstTokenTimeout)} of sending the request to {DisplayEndpoint(request)} (keep-alive comments and empty events do not count){Liveness(watchdog)}; the server may be overloaded.")
        {
            Timeout = Options.FirstTokenTimeout,
        }, request, partial, attempts);

    private ProviderStreamException InStreamError(ProviderError error, ChatRequest request, ChatAccumulator? partial, int attempts)
    {
        string message = ErrorMapper.Redact(error.Message, Options.ApiKey) ?? "no message";
        var exception = new ProviderStreamException(
            $"The provider reported an error mid-stream{(error.Code is null ? "" : " (" + error.Code + ")")}: {message}");
        ErrorMapper.With(exception, error.Status, message, error.Code, request.Model, attempts);
        exception.PartialResult = partial?.ToResult();
        return exception;
    }

    private static T Attach<T>(T exception, ChatRequest request, ChatAccumulator? partial, int attempts)
        where T : ReasonStreamException
    {
        exception.Model ??= request.Model;
        exception.Attempts = attempts;
        exception.PartialResult ??= partial?.ToResult();
        return exception;
    }

    private static string? RequestIdOf(HttpResponseMessage response)
    {
        foreach (var name in (ReadOnlySpan<string>)["x-request-id", "request-id", "x-ds-trace-id", "cf-ray"])
        {
            if (response.Headers.TryGetValues(name, out var values)) return values.FirstOrDefault();
        }

        return null;
    }

    private static string Describe(Exception ex)
    {
        var innermost = ex;
        while (innermost.InnerException is not null && innermost is not System.Net.Sockets.SocketException) innermost = innermost.InnerException;
        return innermost == ex || ex.Message.Contains(innermost.Message, StringComparison.Ordinal) ? ex.Message : ex.Message + " (" + innermost.Message + ")";
    }

    private static string Liveness(StreamWatchdog watchdog) => watchdog.SinceLastBytes is { } ago
        ? $"; the connection stayed open, bytes last arrived {Seconds(ago)} ago"
        : "; no bytes arrived at all";

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds.ToString(span.TotalSeconds < 10 ? "0.###" : "0", System.Globalization.CultureInfo.InvariantCulture) + " s";
}
