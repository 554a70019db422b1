using ReasonStream.Testing.Http;

namespace ReasonStream.Testing;

/// <summary>
/// A real HTTP/1.1 server on <c>127.0.0.1</c> (OS-assigned port) that answers the streaming and model-list requests of
/// every protocol ReasonStream speaks with scripted responses, in order, one per request, byte for byte, with optional
/// pacing and injected faults. Records every request. Dispose it to stop everything, including stalled or delayed
/// responses, promptly.
/// </summary>
/// <remarks>
/// Any path ending in <c>/chat/completions</c>, <c>/responses</c>, <c>/v1/messages</c>, <c>:streamGenerateContent</c>,
/// <c>/api/chat</c> or <c>/api/generate</c> (POST: streams) or in <c>/models</c> or <c>/api/tags</c> (GET: model lists, with
/// Ollama's POST <c>/api/show</c>) takes the next scripted response, so <see cref="BaseUri"/> works as the base of any
/// protocol; other paths get 404 and other methods 405, both with a JSON error body, without using up the script.
/// When the script is used up, see <see cref="ReplayServerOptions.WhenScriptExhausted"/>.
/// </remarks>
/// <example>
/// <code>
/// await using var server = await ReplayServer.StartAsync(ReplayResponse.FromSseFile("deepseek-reasoner-01.sse"));
/// var client = new ReasoningClient(new() { BaseUri = server.BaseUri, ApiKey = "test" });
/// </code>
/// </example>
public sealed class ReplayServer : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownGuard = TimeSpan.FromSeconds(5);

    private readonly LoopbackHttpServer _http;
    private readonly CancellationTokenSource _stopping;
    private readonly ReplayScript _script;
    private readonly RequestLog _log;
    private readonly ReplayServerOptions _options;
    private int _disposed;

    private ReplayServer(LoopbackHttpServer http, CancellationTokenSource stopping, ReplayScript script, RequestLog log, ReplayServerOptions options, int port)
    {
        _http = http;
        _stopping = stopping;
        _script = script;
        _log = log;
        _options = options;
        Port = port;
        BaseUri = new Uri($"http://127.0.0.1:{port}/v1/");
    }

    /// <summary>The endpoint base to give a client, e.g. <c>http://127.0.0.1:PORT/v1/</c> (clients append <c>chat/completions</c>).</summary>
    public Uri BaseUri { get; }

    /// <summary>The full chat-completions address, <see cref="BaseUri"/> + <c>chat/completions</c>.</summary>
    public Uri ChatCompletionsUri => new(BaseUri, "chat/completions");

    /// <summary>The port the OS assigned.</summary>
    public int Port { get; }

    /// <summary>A snapshot of every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _log.Snapshot();

    /// <summary>Starts a server that serves <paramref name="script"/> in order, one response per request.</summary>
    /// <param name="script">The responses, in the order requests will get them.</param>
    public static Task<ReplayServer> StartAsync(params ReplayResponse[] script) => StartAsync(script, options: null);

    /// <summary>Starts a server that serves <paramref name="script"/> in order, one response per request.</summary>
    /// <param name="script">The responses, in the order requests will get them.</param>
    /// <param name="options">Server settings; defaults if null.</param>
    /// <param name="cancellationToken">Cancels starting.</param>
    public static Task<ReplayServer> StartAsync(IEnumerable<ReplayResponse> script, ReplayServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        options ??= new ReplayServerOptions();
        var responses = script.ToArray();
        if (responses.Any(response => response is null)) throw new ArgumentException("The script contains a null response.", nameof(script));
        cancellationToken.ThrowIfCancellationRequested();

        var replayScript = new ReplayScript(responses, options.WhenScriptExhausted);
        var log = new RequestLog();
        var stopping = new CancellationTokenSource();
        try
        {
            var handler = new ReplayRequestHandler(replayScript, log, new ReplayResponseWriter(options.TimeProvider, stopping.Token));
            var http = LoopbackHttpServer.Start(handler.HandleAsync, options.TimeProvider, stopping.Token);
            return Task.FromResult(new ReplayServer(http, stopping, replayScript, log, options, http.Port));
        }
        catch
        {
            stopping.Dispose();
            throw;
        }
    }

    /// <summary>Adds a response to the end of the script while the server runs.</summary>
    /// <param name="response">The response to serve after those already scripted.</param>
    public void Enqueue(ReplayResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        _script.Enqueue(response);
    }

    /// <summary>Adds responses to the end of the script while the server runs.</summary>
    /// <param name="responses">The responses, in order.</param>
    public void Enqueue(IEnumerable<ReplayResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        foreach (var response in responses) Enqueue(response);
    }

    /// <summary>
    /// Waits until the request at <paramref name="index"/> (arrival order, from 0) has arrived and returns it.
    /// Hang-guarded by <see cref="ReplayServerOptions.WaitTimeout"/>.
    /// </summary>
    /// <param name="index">Which request, from 0.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="TimeoutException">It did not arrive within the wait timeout.</exception>
    /// <exception cref="ObjectDisposedException">The server was disposed first.</exception>
    public async Task<RecordedRequest> WaitForRequestAsync(int index, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        try
        {
            return await _log.WhenArrived(index).WaitAsync(_options.WaitTimeout, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Request #{index} did not arrive within {_options.WaitTimeout}; {_log.Snapshot().Count} request(s) arrived.");
        }
    }

    /// <summary>
    /// Stops the server: delayed, paced and stalled responses are aborted (their <see cref="RecordedRequest.Outcome"/>
    /// becomes <see cref="ResponseOutcome.ServerStopped"/>), listeners close, pending waits fail. Returns promptly.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _log.Close();
        await _http.StopAsync(ShutdownGuard).ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"ReplayServer at {BaseUri}";
}
