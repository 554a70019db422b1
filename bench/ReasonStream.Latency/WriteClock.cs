using System.Diagnostics;

namespace ReasonStream.Latency;

/// <summary>
/// The replay server's clock (<c>ReplayServerOptions.TimeProvider</c>), which notes when each paced write is released.
/// The server waits for every write after the first on a timer of this clock, and its write and flush run on from the
/// timer's callback; so the callback's start is the moment the write begins, and the time it was aimed at
/// (<c>now + dueTime</c> when the timer is made) tells which write it is — the schedule is absolute.
/// </summary>
internal sealed class WriteClock : TimeProvider
{
    private readonly Lock _gate = new();
    private List<WriteMark> _marks = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        long target = Stopwatch.GetTimestamp() + (long)(dueTime.TotalSeconds * Stopwatch.Frequency);
        return TimeProvider.System.CreateTimer(
            s =>
            {
                long fired = Stopwatch.GetTimestamp();
                callback(s);
                long returned = Stopwatch.GetTimestamp();
                lock (_gate) _marks.Add(new WriteMark(target, fired, returned));
            },
            state,
            dueTime,
            period);
    }

    /// <summary>The marks since the last call.</summary>
    public List<WriteMark> Take()
    {
        lock (_gate)
        {
            var marks = _marks;
            _marks = [];
            return marks;
        }
    }
}

/// <summary>One released write: when it was due (<paramref name="Target"/>), when its timer fired, when the callback returned (all Stopwatch timestamps).</summary>
internal readonly record struct WriteMark(long Target, long Fired, long Returned);
