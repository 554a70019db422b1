namespace ReasonStream.AspNetCore;

/// <summary>
/// One stream's events as this instance knows them: contiguous from position 1, append-only, shared by every local
/// follower. A follower is only a cursor into it, so a slow reader holds no lock and blocks neither the producer nor
/// other readers. Events that arrive ahead of a gap (a live message overtaking a catch-up read) wait aside until the
/// gap is filled; events already held are ignored, so the same event can be offered twice (catch-up and live) and is
/// kept once.
/// </summary>
internal sealed class StreamFeed(string streamId)
{
    private readonly Lock _lock = new();
    private readonly List<RelayEvent> _events = [];
    private SortedDictionary<long, RelayEvent>? _ahead;
    private TaskCompletionSource _changed = NewSignal();
    private RelayFailure? _failure;
    private bool _complete;
    private long _bytes;

    public string StreamId { get; } = streamId;

    /// <summary>The position of the last contiguous event (0 when none).</summary>
    public long LastSequence
    {
        get
        {
            lock (_lock) return _events.Count;
        }
    }

    /// <summary>The terminal event (finish or error) is held: nothing more will come.</summary>
    public bool IsComplete
    {
        get
        {
            lock (_lock) return _complete;
        }
    }

    /// <summary>Nothing more will come: the terminal event is held, or the feed failed.</summary>
    public bool IsOver
    {
        get
        {
            lock (_lock) return _complete || _failure is not null;
        }
    }

    /// <summary>Events are waiting behind a gap: a catch-up read from the store is needed.</summary>
    public bool HasGap
    {
        get
        {
            lock (_lock) return _ahead is { Count: > 0 };
        }
    }

    /// <summary>Bytes held by the events' data (for the benchmark's memory per stream).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>
    /// A failure of the relay itself (the store went away, or lost the stream): followers are told and end, without an
    /// event id, since the failure is not part of the stored stream.
    /// </summary>
    public RelayFailure? Failure
    {
        get
        {
            lock (_lock) return _failure;
        }
    }

    /// <summary>Adds events in any order; keeps each position once. Returns whether the contiguous end moved.</summary>
    public bool Offer(IEnumerable<RelayEvent> events)
    {
        TaskCompletionSource? signal = null;
        lock (_lock)
        {
            if (_failure is not null) return false;
            var before = _events.Count;
            foreach (var item in events)
            {
                if (item.Sequence <= _events.Count || _complete) continue;
                if (item.Sequence == _events.Count + 1) Append(item);
                else (_ahead ??= [])[item.Sequence] = item;
            }

            while (!_complete && _ahead is { Count: > 0 } && _ahead.Remove(_events.Count + 1, out var next)) Append(next);
            if (_complete) _ahead = null;
            if (_events.Count != before) signal = Swap();
        }

        signal?.TrySetResult();
        return signal is not null;
    }

    /// <summary>Marks the feed failed (see <see cref="Failure"/>) and wakes every follower; nothing is offered after.</summary>
    /// <returns>False when the feed had already ended or failed.</returns>
    public bool Fail(string kind, string message)
    {
        TaskCompletionSource signal;
        lock (_lock)
        {
            if (_complete || _failure is not null) return false;
            _failure = new RelayFailure(kind, message);
            _ahead = null;
            signal = Swap();
        }

        signal.TrySetResult();
        return true;
    }

    /// <summary>
    /// Copies up to <paramref name="max"/> events after position <paramref name="after"/>, and says — as of the same
    /// moment — whether more can come, so a follower never mistakes "nothing yet" for "nothing more".
    /// </summary>
    public FeedRead Read(long after, List<RelayEvent> into, int max)
    {
        lock (_lock)
        {
            var count = 0;
            if (after < _events.Count)
            {
                var start = (int)Math.Max(after, 0);
                count = Math.Min(max, _events.Count - start);
                into.AddRange(_events.GetRange(start, count));
            }

            // A failure reaches a follower only once it has everything that was held before it.
            var caughtUp = after + count >= _events.Count;
            return new FeedRead(count, caughtUp && _complete, caughtUp ? _failure : null);
        }
    }

    /// <summary>Completes when there is an event after <paramref name="after"/>, the stream is complete, or the feed failed.</summary>
    public Task WhenAfter(long after)
    {
        lock (_lock)
        {
            return _events.Count > after || _complete || _failure is not null ? Task.CompletedTask : _changed.Task;
        }
    }

    private void Append(RelayEvent item)
    {
        _events.Add(item);
        Interlocked.Add(ref _bytes, item.Size);
        if (item.IsTerminal) _complete = true;
    }

    private TaskCompletionSource Swap()
    {
        var signal = _changed;
        _changed = NewSignal();
        return signal;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>What one <see cref="StreamFeed.Read"/> found.</summary>
/// <param name="Count">Events copied.</param>
/// <param name="Complete">The follower has (with these) every event up to the terminal one: nothing more will come.</param>
/// <param name="Failure">The feed failed and the follower has everything held before it: tell it and end.</param>
internal readonly record struct FeedRead(int Count, bool Complete, RelayFailure? Failure);

/// <summary>A failure of the relay itself, sent as a <c>relay_error</c> event without an id.</summary>
/// <param name="Kind">A <see cref="RelayErrorKinds"/> value.</param>
/// <param name="Message">What happened, for people.</param>
internal sealed record RelayFailure(string Kind, string Message);
