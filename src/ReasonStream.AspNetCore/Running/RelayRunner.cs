using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReasonStream.AspNetCore;

/// <summary>
/// This instance's running streams: starts them within the concurrency limit, routes cancel requests (from any
/// instance, through the store) to them, archives them when they end, and ends them all when the host stops.
/// </summary>
internal sealed class RelayRunner : IHostedService, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (RelayProducer Producer, Task Run)> _running = new(StringComparer.Ordinal);
    private readonly IRelayStore _store;
    private readonly ReasoningRelayOptions _options;
    private readonly IServiceProvider _services;
    private readonly IExchangeArchive? _archive;
    private readonly ILogger<RelayRunner> _logger;
    private readonly TimeProvider _time;
    private int _count;
    private bool _stopping;

    public RelayRunner(IRelayStore store, IOptions<ReasoningRelayOptions> options, IServiceProvider services, ILogger<RelayRunner> logger, TimeProvider? time = null)
    {
        _store = store;
        _options = options.Value;
        _services = services;
        _archive = services.GetService<IExchangeArchive>();
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _store.CancelRequested += OnCancelRequested;
        // The server stops taking requests and waits for open ones before hosted services stop: end the streams first,
        // so that their followers here get producer_lost and close, instead of holding the shutdown to its timeout.
        services.GetService<IHostApplicationLifetime>()?.ApplicationStopping.Register(StopAll);
    }

    /// <summary>Streams running on this instance now.</summary>
    public int RunningCount => Volatile.Read(ref _count);

    /// <summary>Starts a stream and returns its id, or null when this instance already runs the maximum.</summary>
    /// <exception cref="RelayStoreUnavailableException">The store cannot be reached.</exception>
    public async Task<string?> StartAsync(RelayRequest request, RelayEndpointOptions endpoint, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _count) > _options.MaxConcurrentStreams)
        {
            Interlocked.Decrement(ref _count);
            return null;
        }

        try
        {
            // Everything that can fail before the stream exists fails here: a stream registered in the store gets its
            // terminal event, so nothing may throw between CreateAsync and the run.
            var source = SourceOf(request);
            var id = NewStreamId();
            await _store.CreateAsync(id, cancellationToken).ConfigureAwait(false);
            var producer = new RelayProducer(id, request, source, _store, _options, endpoint, _logger, _time);
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var run = Task.Run(async () =>
            {
                await started.Task.ConfigureAwait(false);
                await RunAsync(producer).ConfigureAwait(false);
            }, CancellationToken.None);
            _running[id] = (producer, run);
            if (Volatile.Read(ref _stopping)) producer.Stop(RelayErrorKinds.ProducerLost, "The server running this stream shut down.");
            started.SetResult();
            return id;
        }
        catch
        {
            Interlocked.Decrement(ref _count);
            throw;
        }
    }

    /// <summary>The run of a stream on this instance (for tests: wait until it is stored and archived).</summary>
    public Task? RunOf(string streamId) => _running.TryGetValue(streamId, out var entry) ? entry.Run : null;

    /// <summary>Whether the stream runs on this instance.</summary>
    public bool Runs(string streamId) => _running.ContainsKey(streamId);

    /// <summary>A stream id: 128 random bits, base64url (22 characters); it is the capability to read and stop the stream.</summary>
    internal static string NewStreamId() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>Ids the relay made, or ids an application could reasonably give: 1–64 of A–Z a–z 0–9 _ -.</summary>
    internal static bool IsWellFormedId(string? id) =>
        id is { Length: > 0 and <= 64 } && id.AsSpan().IndexOfAnyExcept(IdCharacters) < 0;

    private static readonly System.Buffers.SearchValues<char> IdCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The host stops: every running stream ends with <c>producer_lost</c>, stored, so no follower waits forever.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        StopAll();
        await Task.WhenAll(_running.Values.Select(entry => entry.Run)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private void StopAll()
    {
        Volatile.Write(ref _stopping, true);
        foreach (var (producer, _) in _running.Values) producer.Stop(RelayErrorKinds.ProducerLost, "The server running this stream shut down.");
    }

    public async ValueTask DisposeAsync()
    {
        _store.CancelRequested -= OnCancelRequested;
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await StopAsync(guard.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _logger.LogWarning("Relay streams did not end within 10 seconds of shutdown.");
        }
    }

    private void OnCancelRequested(string streamId)
    {
        if (_running.TryGetValue(streamId, out var entry)) entry.Producer.Stop(RelayErrorKinds.Canceled, "The stream was stopped.");
    }

    private Func<CancellationToken, IAsyncEnumerable<StreamUpdate>> SourceOf(RelayRequest request)
    {
        if (request.Updates is { } updates) return updates;
        var client = request.Client ?? _services.GetService<ReasoningClient>()
            ?? throw new InvalidOperationException("A RelayRequest built from a ChatRequest needs a ReasoningClient: register one in dependency injection (services.AddReasoningClient(…) from ReasonStream.Extensions.AI, or services.AddSingleton(new ReasoningClient(…))) or pass one to the RelayRequest.");
        var chat = request.ChatRequest!;
        return token => client.StreamAsync(chat, token);
    }

    private async Task RunAsync(RelayProducer producer)
    {
        try
        {
            var result = await producer.RunAsync().ConfigureAwait(false);
            if (_archive is not null) await ArchiveAsync(producer, result).ConfigureAwait(false);
        }
        finally
        {
            producer.Dispose();
            _running.TryRemove(producer.StreamId, out _);
            Interlocked.Decrement(ref _count);
        }
    }

    private async Task ArchiveAsync(RelayProducer producer, ChatResult result)
    {
        var terminal = producer.Terminal;
        (string Kind, string Message)? error = terminal is { Kind: RelayEventKinds.Error } failed ? ErrorOf(failed) : null;
        var exchange = new ArchivedExchange
        {
            StreamId = producer.StreamId,
            ConversationId = producer.Request.ConversationId,
            Prompt = producer.Request.Prompt,
            Reasoning = result.Reasoning,
            Answer = result.Answer,
            ToolCalls = result.ToolCalls,
            Usage = result.Usage,
            FinishReason = error is null ? result.FinishReason ?? FinishReasons.Unknown : null,
            ErrorKind = error?.Kind,
            ErrorMessage = error?.Message,
            Model = result.Model,
            StartedAt = producer.StartedAt,
            FinishedAt = _time.GetUtcNow(),
            ReasoningDuration = producer.ReasoningDuration,
        };
        try
        {
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _archive!.SaveAsync(exchange, guard.Token).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            _logger.LogError(failure, "Relay stream {StreamId} could not be archived.", producer.StreamId);
        }
    }

    private static (string Kind, string Message) ErrorOf(PendingEvent terminal)
    {
        using var json = System.Text.Json.JsonDocument.Parse(terminal.Data);
        return (json.RootElement.GetProperty("kind").GetString() ?? "", json.RootElement.GetProperty("message").GetString() ?? "");
    }
}
