using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ReasonStream.AspNetCore;

/// <summary>
/// Runs one stream on this instance: reads the upstream updates, and — on a separate loop, so that neither a slow
/// store nor a slow reader ever holds the upstream back — writes them to the store in order, each batch as soon as
/// the previous write is done. Every stream ends with exactly one terminal event: <c>finish</c> or <c>error</c>.
/// </summary>
internal sealed class RelayProducer : IDisposable
{
    private readonly IRelayStore _store;
    private readonly ReasoningRelayOptions _options;
    private readonly RelayEndpointOptions _endpoint;
    private readonly Func<CancellationToken, IAsyncEnumerable<StreamUpdate>> _source;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<PendingEvent> _pending = Channel.CreateUnbounded<PendingEvent>(new() { SingleReader = true, SingleWriter = true });
    private readonly long _startedTimestamp;
    private string? _stopKind;
    private string? _stopMessage;
    private long _lastStored;
    private long? _reasoningEndedMs;
    private bool _sawReasoning;

    public RelayProducer(string streamId, RelayRequest request, Func<CancellationToken, IAsyncEnumerable<StreamUpdate>> source, IRelayStore store,
        ReasoningRelayOptions options, RelayEndpointOptions endpoint, ILogger logger, TimeProvider time)
    {
        StreamId = streamId;
        Request = request;
        _source = source;
        _store = store;
        _options = options;
        _endpoint = endpoint;
        _logger = logger;
        _time = time;
        _startedTimestamp = time.GetTimestamp();
        StartedAt = time.GetUtcNow();
    }

    public string StreamId { get; }

    public RelayRequest Request { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>The terminal event, once the stream has ended (for the archive).</summary>
    public PendingEvent? Terminal { get; private set; }

    private long ElapsedMilliseconds => (long)_time.GetElapsedTime(_startedTimestamp).TotalMilliseconds;

    /// <summary>Stops the stream (first reason wins): the upstream request is cancelled and the stream ends with an error of this kind.</summary>
    public void Stop(string kind, string message)
    {
        if (Interlocked.CompareExchange(ref _stopKind, kind, null) is not null) return;
        Volatile.Write(ref _stopMessage, message);
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already ended.
        }
    }

    /// <summary>Runs the stream to its end; returns what arrived (for the archive). Never throws.</summary>
    public async Task<ChatResult> RunAsync()
    {
        using var heartbeatStop = new CancellationTokenSource();
        var writer = WriteLoopAsync();
        var heartbeat = HeartbeatLoopAsync(heartbeatStop.Token);
        var accumulator = new ChatAccumulator();
        ChatResult result;
        PendingEvent terminal;
        try
        {
            PendingEvent? finish = null;
            await foreach (var update in _source(_stop.Token).WithCancellation(_stop.Token).ConfigureAwait(false))
            {
                accumulator.Add(update);
                if (UpdateMapper.Map(update, ElapsedMilliseconds) is not { } item) continue;
                NotePhase(item);
                if (item.IsTerminal) finish = item;
                else _pending.Writer.TryWrite(item);
            }

            // A custom source may end without a finish update; the library's client never does.
            terminal = _stopKind is null
                ? finish ?? UpdateMapper.Map(new StreamFinished(FinishReasons.Unknown), ElapsedMilliseconds)!.Value
                : StoppedEvent();
            result = accumulator.ToResult();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            terminal = StoppedEvent();
            result = accumulator.ToResult();
        }
        catch (ReasonStreamException error)
        {
            terminal = UpdateMapper.Error(RelayErrorKinds.From(error.Kind), error.Message, ElapsedMilliseconds);
            result = error.PartialResult ?? accumulator.ToResult();
        }
        catch (Exception error)
        {
            _logger.LogError(error, "The update source of relay stream {StreamId} failed.", StreamId);
            terminal = UpdateMapper.Error(RelayErrorKinds.Internal, "The relay's update source failed.", ElapsedMilliseconds);
            result = accumulator.ToResult();
        }

        Terminal = terminal;
        // Once, before the end: the library's merged, normalised usage — the same the archive keeps.
        if (result.Usage is { } usage) _pending.Writer.TryWrite(UpdateMapper.Usage(usage, terminal.ElapsedMilliseconds));
        _pending.Writer.TryWrite(terminal);
        _pending.Writer.TryComplete();
        await writer.ConfigureAwait(false);
        await heartbeatStop.CancelAsync().ConfigureAwait(false);
        await heartbeat.ConfigureAwait(false);
        return result;
    }

    public void Dispose() => _stop.Dispose();

    /// <summary>When the thinking ended: the first answer, tool call or end after some reasoning.</summary>
    public TimeSpan? ReasoningDuration => _reasoningEndedMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null;

    private void NotePhase(PendingEvent item)
    {
        if (item.Kind == RelayEventKinds.Reasoning) _sawReasoning = true;
        else if (_sawReasoning && _reasoningEndedMs is null && item.Kind is RelayEventKinds.Answer or RelayEventKinds.ToolCall or RelayEventKinds.Finish)
            _reasoningEndedMs = item.ElapsedMilliseconds;
    }

    private const string EndedElsewhereMessage = "The stream was ended by another instance.";

    /// <summary>The stream's keys vanished from the store: nothing can be stored, so this instance's followers are told directly.</summary>
    private void Lose()
    {
        Stop(RelayErrorKinds.StreamLost, RelayErrorKinds.StreamLostMessage);
        _store.FailLocal(StreamId, RelayErrorKinds.StreamLost, RelayErrorKinds.StreamLostMessage);
    }

    private PendingEvent StoppedEvent() =>
        UpdateMapper.Error(Volatile.Read(ref _stopKind) ?? RelayErrorKinds.Canceled, Volatile.Read(ref _stopMessage) ?? "The stream was stopped.", ElapsedMilliseconds);

    private async Task WriteLoopAsync()
    {
        // Not cancelled by Stop: the terminal event must still be written after the upstream is cancelled.
        await Task.Yield();
        var reader = _pending.Reader;
        var batch = new List<PendingEvent>();
        var writing = true;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < 1024 && reader.TryRead(out var item)) batch.Add(item);
            if (!writing) continue;

            var events = Number(batch);
            if (events.Count == 0) continue;
            try
            {
                switch (await _store.AppendAsync(StreamId, _lastStored, events, CancellationToken.None).ConfigureAwait(false))
                {
                    case AppendOutcome.Conflict:
                        // Another instance declared this stream lost (we missed heartbeats): its end reaches every follower.
                        _logger.LogWarning("Relay stream {StreamId} was ended by another instance; stopping its upstream.", StreamId);
                        Stop(RelayErrorKinds.ProducerLost, EndedElsewhereMessage);
                        writing = false;
                        continue;
                    case AppendOutcome.Gone:
                        _logger.LogError("Relay stream {StreamId} is gone from the store; stopping its upstream.", StreamId);
                        Lose();
                        writing = false;
                        continue;
                }
            }
            catch (RelayStoreUnavailableException error)
            {
                _logger.LogError(error, "Relay stream {StreamId} could not be stored; stopping its upstream.", StreamId);
                Stop(RelayErrorKinds.StoreUnavailable, error.Message);
                _store.FailLocal(StreamId, RelayErrorKinds.StoreUnavailable, error.Message);
                writing = false;
                continue;
            }

            _lastStored += events.Count;
            if (events[^1].IsTerminal) writing = false;
        }
    }

    /// <summary>Joins consecutive text pieces of one kind, gives positions, and applies the event cap.</summary>
    private List<RelayEvent> Number(List<PendingEvent> batch)
    {
        var events = new List<RelayEvent>(batch.Count);
        var cap = _options.MaxEventsPerStream;
        for (var i = 0; i < batch.Count; i++)
        {
            var item = batch[i];
            var sequence = _lastStored + events.Count + 1;
            if (item.IsTerminal)
            {
                events.Add(new RelayEvent(sequence, item.Kind, item.Data!));
                break;
            }

            if (sequence >= cap)
            {
                // Room is left for the terminal event, which says why the stream ended.
                Stop(RelayErrorKinds.EventLimit, $"The stream reached the limit of {cap} events.");
                continue;
            }

            if (item.Text is { } text)
            {
                var joined = text;
                if (i + 1 < batch.Count && batch[i + 1].Kind == item.Kind && batch[i + 1].Text is not null)
                {
                    var builder = new System.Text.StringBuilder(text);
                    while (i + 1 < batch.Count && batch[i + 1].Kind == item.Kind && batch[i + 1].Text is { } next)
                    {
                        builder.Append(next);
                        i++;
                    }

                    joined = builder.ToString();
                }

                events.Add(new RelayEvent(sequence, item.Kind, EventData.Text(joined, item.ElapsedMilliseconds)));
            }
            else
            {
                events.Add(new RelayEvent(sequence, item.Kind, item.Data!));
            }
        }

        return events;
    }

    private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        long lastPulse = -1;
        var lastSeen = _time.GetTimestamp();
        try
        {
            while (true)
            {
                await Task.Delay(_options.HeartbeatInterval, _time, cancellationToken).ConfigureAwait(false);
                ProducerTick tick;
                try
                {
                    tick = await _store.HeartbeatAsync(StreamId, cancellationToken).ConfigureAwait(false);
                }
                catch (RelayStoreUnavailableException error)
                {
                    _logger.LogWarning(error, "Heartbeat of relay stream {StreamId} failed.", StreamId);
                    continue;
                }

                switch (tick.State)
                {
                    case StreamState.CancelRequested:
                        Stop(RelayErrorKinds.Canceled, "The stream was stopped.");
                        break;
                    case StreamState.EndedElsewhere:
                        Stop(RelayErrorKinds.ProducerLost, EndedElsewhereMessage);
                        break;
                    case StreamState.Gone:
                        Lose();
                        break;
                }

                if (tick.FollowerPulse != lastPulse)
                {
                    lastPulse = tick.FollowerPulse;
                    lastSeen = _time.GetTimestamp();
                }
                else if (_endpoint.CancelOnDisconnect && _time.GetElapsedTime(lastSeen) >= _endpoint.DisconnectGracePeriod)
                {
                    Stop(RelayErrorKinds.Abandoned, "No browser followed the stream, so it was stopped.");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The stream ended.
        }
    }
}
