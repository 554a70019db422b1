using ReasonStream.Cli.Exchange;
using ReasonStream.Cli.Rendering;
using ReasonStream.Cli.Streaming;

namespace ReasonStream.Cli.Tests.Streaming;

/// <summary>
/// When what the renderer wrote is sent: a delta that was waited for is written and flushed before the next update is
/// even asked for (bench/ReasonStream.Latency measured the gain), and deltas that were ready together leave in one flush.
/// The updates come from a gated stream whose next update arrives only when the test gives it; every step waits on an event.
/// </summary>
public sealed class DeliveryOrderTests
{
    [Fact]
    public async Task A_waited_for_delta_is_flushed_before_the_next_update_is_asked_for()
    {
        var (journal, updates, delivery) = await StartAsync();
        updates.Give(new AnswerDelta("A"));
        await updates.AskedAsync(2); // the next update is pending now (and the runner flushes again before waiting on it)

        Assert.Equal(["ask 1", "flush", "update A", "flush", "ask 2"], journal.Entries.Take(5));
        updates.End();
        await delivery;
    }

    [Fact]
    public async Task Deltas_ready_together_leave_in_one_flush_sent_before_waiting()
    {
        var (journal, updates, delivery) = await StartAsync();
        updates.Give(new AnswerDelta("A"), new AnswerDelta("B"), new AnswerDelta("C"));
        await journal.ReachedAsync(10); // the flush before waiting on the fourth update
        updates.End();
        await delivery;

        Assert.Equal(["ask 1", "flush", "update A", "flush", "ask 2", "update B", "ask 3", "update C", "ask 4", "flush"], journal.Entries);
    }

    /// <summary>Starts delivering a gated stream; returns once the first update was asked for and the runner flushed before waiting on it.</summary>
    private static async Task<(Journal Journal, GatedUpdates Updates, Task Delivery)> StartAsync()
    {
        var journal = new Journal();
        var updates = new GatedUpdates(journal);
        var delivery = ExchangeRunner.DeliverAsync(updates, new SpyRenderer(journal), CancellationToken.None);
        await journal.ReachedAsync(2);
        return (journal, updates, delivery);
    }

    /// <summary>What happened, in order, from both sides.</summary>
    private sealed class Journal
    {
        private readonly Lock _gate = new();
        private readonly List<string> _entries = [];
        private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];

        public IReadOnlyList<string> Entries
        {
            get
            {
                lock (_gate) return [.. _entries];
            }
        }

        public void Add(string entry)
        {
            lock (_gate)
            {
                _entries.Add(entry);
                foreach (var waiter in _waiters.Where(w => w.Count <= _entries.Count)) waiter.Reached.TrySetResult();
            }
        }

        /// <summary>Completes when <paramref name="count"/> entries have been written.</summary>
        public Task ReachedAsync(int count)
        {
            lock (_gate)
            {
                var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (_entries.Count >= count) reached.SetResult();
                else _waiters.Add((count, reached));
                return reached.Task;
            }
        }
    }

    /// <summary>
    /// Updates that arrive when the test gives them: a MoveNextAsync with nothing given stays pending until <see cref="Give"/>
    /// (the first update given then completes it, the others are ready at once, as a burst read from the network is).
    /// </summary>
    private sealed class GatedUpdates(Journal journal) : IAsyncEnumerable<StreamUpdate>, IAsyncEnumerator<StreamUpdate>
    {
        private readonly Lock _gate = new();
        private readonly Queue<StreamUpdate> _ready = new();
        private readonly List<TaskCompletionSource> _asked = [];
        private TaskCompletionSource<bool>? _pending;
        private bool _ended;
        private int _asks;

        public StreamUpdate Current { get; private set; } = new AnswerDelta("");

        /// <summary>Completes when MoveNextAsync has been called the <paramref name="count"/>th time.</summary>
        public Task AskedAsync(int count)
        {
            lock (_gate) return Signal(count).Task;
        }

        public void Give(params StreamUpdate[] updates)
        {
            lock (_gate)
            {
                foreach (var update in updates) _ready.Enqueue(update);
                Complete();
            }
        }

        public void End()
        {
            lock (_gate)
            {
                _ended = true;
                Complete();
            }
        }

        public ValueTask<bool> MoveNextAsync()
        {
            lock (_gate)
            {
                journal.Add($"ask {++_asks}");
                Signal(_asks).TrySetResult();
                if (TryTake(out bool more)) return ValueTask.FromResult(more);
                _pending = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                return new ValueTask<bool>(_pending.Task);
            }
        }

        public IAsyncEnumerator<StreamUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default) => this;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private void Complete()
        {
            if (_pending is null || !TryTake(out bool more)) return;
            var pending = _pending;
            _pending = null;
            pending.SetResult(more);
        }

        private bool TryTake(out bool more)
        {
            if (_ready.TryDequeue(out var update))
            {
                Current = update;
                more = true;
                return true;
            }

            more = false;
            return _ended;
        }

        private TaskCompletionSource Signal(int count)
        {
            while (_asked.Count < count) _asked.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            return _asked[count - 1];
        }
    }

    /// <summary>A renderer that notes each update and each flush.</summary>
    private sealed class SpyRenderer(Journal journal) : IExchangeRenderer
    {
        public void Begin(ExchangeRequest request, long? logId) => journal.Add("begin");

        public void Update(StreamUpdate update) => journal.Add("update " + (update is AnswerDelta delta ? delta.Text : update.GetType().Name));

        public void Flush() => journal.Add("flush");

        public void Retrying(RetryNotice notice) => journal.Add("retry");

        public void End(ExchangeOutcome outcome) => journal.Add("end");

        public void Dispose()
        {
        }
    }
}
