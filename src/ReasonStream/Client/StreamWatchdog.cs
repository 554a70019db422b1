namespace ReasonStream;

/// <summary>
/// Cancels a stream that waits too long for its first token, or whose tokens stop. Only events that carry
/// reasoning, answer or tool-call text count as progress: keep-alive comments and events with nothing in them
/// (<c>{"choices":[]}</c>, pings, usage) do not, so neither can keep a stalled stream alive; and time the caller
/// spends handling an update does not count. Per event it costs a tick-count read and a store: the timer, not
/// the stream, does the checking.
/// </summary>
internal sealed class StreamWatchdog : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly TimeSpan _firstToken;
    private readonly TimeSpan _stall;
    private readonly Timer _timer;
    private long _since;
    private long _pausedAt;
    private int _sawData;
    private int _suspended;
    private int _fired;
    private long _lastBytes;
    private bool _progressed; // written and read only by the stream's own loop

    /// <summary>A start of the wait later than any clock reading: nothing can have timed out against it.</summary>
    private const long NotYet = long.MaxValue / 2;

    public StreamWatchdog(CancellationTokenSource cancel, TimeSpan firstToken, TimeSpan stall)
    {
        _cancel = cancel;
        _firstToken = firstToken;
        _stall = stall;
        _since = Environment.TickCount64;
        var shortest = Shorter(firstToken, stall);
        var period = shortest == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan
            : TimeSpan.FromMilliseconds(Math.Clamp(shortest.TotalMilliseconds / 8, 5, 1000));
        _timer = new Timer(static state => ((StreamWatchdog)state!).Check(), this, period, period);
    }

    /// <summary>Which timeout fired, if any.</summary>
    public WatchdogVerdict Verdict => (WatchdogVerdict)Volatile.Read(ref _fired);

    /// <summary>How long ago any bytes (keep-alives included) arrived on the current response; null if none did.</summary>
    public TimeSpan? SinceLastBytes => Volatile.Read(ref _lastBytes) is var last and not 0 ? TimeSpan.FromMilliseconds(Environment.TickCount64 - last) : null;

    /// <summary>Bytes arrived: the connection is alive (this resets no timeout).</summary>
    public void BytesArrived() => Volatile.Write(ref _lastBytes, Environment.TickCount64);

    /// <summary>A new attempt starts: wait for the first token again.</summary>
    public void Restart()
    {
        Volatile.Write(ref _lastBytes, 0);
        Volatile.Write(ref _sawData, 0);
        Volatile.Write(ref _since, Environment.TickCount64);
    }

    /// <summary>An event with reasoning, answer or tool-call text arrived and its updates go to the caller: the wait starts again, after <see cref="Resume"/>.</summary>
    public void ProgressAndSuspend()
    {
        // The wait starts again when control comes back (Resume reads the clock then), so none is read here;
        // until then "since" lies in the future, so a timer that raced past the suspension cannot count from a stale start.
        // Suspend first: the timer must never see "streaming" paired with the first-token wait's start time.
        Volatile.Write(ref _suspended, 1);
        Volatile.Write(ref _since, NotYet);
        Volatile.Write(ref _sawData, 1);
        _progressed = true;
    }

    /// <summary>Control passes to the caller: stop counting.</summary>
    public void Suspend()
    {
        Volatile.Write(ref _pausedAt, Environment.TickCount64);
        Volatile.Write(ref _suspended, 1);
    }

    /// <summary>Control is back: count on, leaving out the time the caller had it.</summary>
    public void Resume()
    {
        long now = Environment.TickCount64;
        if (_progressed)
        {
            _progressed = false;
            Volatile.Write(ref _since, now);
        }
        else
        {
            Volatile.Write(ref _since, Volatile.Read(ref _since) + (now - Volatile.Read(ref _pausedAt)));
        }

        Volatile.Write(ref _suspended, 0);
    }

    public void Dispose() => _timer.Dispose();

    private void Check()
    {
        if (Volatile.Read(ref _suspended) == 1 || Volatile.Read(ref _fired) != 0) return;
        bool streaming = Volatile.Read(ref _sawData) == 1;
        var limit = streaming ? _stall : _firstToken;
        if (limit == Timeout.InfiniteTimeSpan || Environment.TickCount64 - Volatile.Read(ref _since) < (long)limit.TotalMilliseconds) return;
        if (Volatile.Read(ref _suspended) == 1) return; // control passed to the caller meanwhile
        if (Interlocked.CompareExchange(ref _fired, streaming ? (int)WatchdogVerdict.Stalled : (int)WatchdogVerdict.NoFirstToken, 0) == 0)
        {
            try
            {
                _cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The stream already ended.
            }
        }
    }

    private static TimeSpan Shorter(TimeSpan a, TimeSpan b) =>
        a == Timeout.InfiniteTimeSpan ? b : b == Timeout.InfiniteTimeSpan ? a : a < b ? a : b;
}

/// <summary>Why the watchdog cancelled a stream.</summary>
internal enum WatchdogVerdict
{
    None,
    NoFirstToken,
    Stalled,
}
