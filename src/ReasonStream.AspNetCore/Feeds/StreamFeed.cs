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
    private string? _failure;
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
    public bool IsComplete { get; private set; }

    /// <summary>Events are waiting behind a gap: a catch-up read from the store is needed.</summary>
    public bool HasGap
    {
        get
        {
            lock (_lock) return _ahead is { Count: > 0 };
        }
    }

    /// <summary>Bytes held by the events (for the benchmark's memory per stream).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>
    /// A failure of the relay itself (the store went away): followers are told and end, without an event id, since
    /// the failure is not part of the stored stream.
    /// </summary>
    public string? Failure
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
            var before = _events.Count;
            foreach (var item in events)
            {
                if (item.Sequence <= _events.Count || IsComplete) continue;
                if (item.Sequence == _events.Count + 1) Append(item);
                else (_ahead ??= [])[item.Sequence] = item;
            }

            while (!IsComplete && _ahead is { Count: > 0 } && _ahead.Remove(_events.Count + 1, out var next)) Append(next);
            if (IsComplete) _ahead = null;
            if (_events.Count != before) signal = Swap();
        }

        signal?.TrySetResult();
        return signal is not null;
    }

    /// <summary>Marks the feed failed (see <see cref="Failure"/>) and wakes every follower.</summary>
    public void Fail(string message)
    {
        TaskCompletionSource signal;
        lock (_lock)
        {
            if (IsComplete || _failure is not null) return;
            _failure = message;
            signal = Swap();
        }

        signal.TrySetResult();
    }

    /// <summary>Copies up to <paramref name="max"/> events after position <paramref name="after"/>.</summary>
    public int CopyAfter(long after, List<RelayEvent> into, int max)
    {
        lock (_lock)
        {
            if (after >= _events.Count) return 0;
            var start = (int)Math.Max(after, 0);
            var count = Math.Min(max, _events.Count - start);
            into.AddRange(_events.GetRange(start, count));
            return count;
        }
    }

    /// <summary>Completes when there is an event after <paramref name="after"/>, the stream is complete, or the feed failed.</summary>
    public Task WhenAfter(long after)
    {
        lock (_lock)
        {
            return _events.Count > after || IsComplete || _failure is not null ? Task.CompletedTask : _changed.Task;
        }
    }

    private void Append(RelayEvent item)
    {
        _events.Add(item);
        Interlocked.Add(ref _bytes, item.Size);
        if (item.IsTerminal) IsComplete = true;
    }

    private TaskCompletionSource Swap()
    {
        var signal = _changed;
        _changed = NewSignal();
        return signal;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
