namespace ReasonStream.Testing;

/// <summary>The requests received so far, in arrival order, with waiters for ones still to come. Thread-safe.</summary>
internal sealed class RequestLog
{
    private readonly Lock _lock = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Dictionary<int, TaskCompletionSource<RecordedRequest>> _waiters = [];
    private bool _closed;

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_lock) return [.. _requests];
    }

    /// <summary>Records a request built from its arrival index.</summary>
    public RecordedRequest Add(Func<int, RecordedRequest> create)
    {
        TaskCompletionSource<RecordedRequest>? waiter;
        RecordedRequest request;
        lock (_lock)
        {
            request = create(_requests.Count);
            _requests.Add(request);
            _waiters.Remove(request.Index, out waiter);
        }

        waiter?.TrySetResult(request);
        return request;
    }

    public Task<RecordedRequest> WhenArrived(int index)
    {
        lock (_lock)
        {
            if (index < _requests.Count) return Task.FromResult(_requests[index]);
            if (_closed) return Task.FromException<RecordedRequest>(new ObjectDisposedException(nameof(ReplayServer)));
            if (!_waiters.TryGetValue(index, out var waiter))
            {
                waiter = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters[index] = waiter;
            }

            return waiter.Task;
        }
    }

    /// <summary>Fails every pending waiter: no more requests will come.</summary>
    public void Close()
    {
        TaskCompletionSource<RecordedRequest>[] pending;
        lock (_lock)
        {
            _closed = true;
            pending = [.. _waiters.Values];
            _waiters.Clear();
        }

        foreach (var waiter in pending) waiter.TrySetException(new ObjectDisposedException(nameof(ReplayServer)));
    }
}
