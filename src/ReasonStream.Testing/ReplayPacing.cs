namespace ReasonStream.Testing;

/// <summary>
/// When each write of the body goes out. Times are measured from the start of the body (after
/// <see cref="ReplayResponse.DelayBeforeBody"/>) and divided by <see cref="SpeedFactor"/>; the schedule is absolute,
/// so slow writes do not make later ones drift.
/// </summary>
public abstract record ReplayPacing
{
    private ReplayPacing()
    {
    }

    /// <summary>No delays: every write as fast as the client takes it. The default.</summary>
    public static ReplayPacing FullSpeed { get; } = new FullSpeedPacing();

    /// <summary>
    /// Divides every pacing delay: 2.0 replays twice as fast, 0.5 half as fast. Does not affect
    /// <see cref="ReplayResponse.DelayBeforeHeaders"/>, <see cref="ReplayResponse.DelayBeforeBody"/> or keep-alives.
    /// Default 1.0; must be positive and finite.
    /// </summary>
    public double SpeedFactor
    {
        get;
        init => field = double.IsFinite(value) && value > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The speed factor must be positive and finite.");
    } = 1.0;

    /// <summary>
    /// Waits <paramref name="delay"/> before each SSE event after the first (events end at blank lines).
    /// Event boundaries are always write boundaries under this pacing, whatever the <see cref="WriteSplit"/>.
    /// </summary>
    /// <param name="delay">Gap between consecutive events.</param>
    public static ReplayPacing DelayBetweenEvents(TimeSpan delay) => new EventDelayPacing(NonNegative(delay));

    /// <summary>Waits <paramref name="delay"/> before each write after the first (writes as cut by the <see cref="WriteSplit"/>).</summary>
    /// <param name="delay">Gap between consecutive writes.</param>
    public static ReplayPacing DelayBetweenWrites(TimeSpan delay) => new WriteDelayPacing(NonNegative(delay));

    /// <summary>
    /// Reproduces recorded arrival times: each mark's offset becomes a write boundary, and the bytes up to it go out
    /// at its time. Offsets refer to the body as served (after <see cref="ReplayResponse.InjectAfterEvents"/>, if used).
    /// </summary>
    /// <param name="timing">The recorded timing.</param>
    public static ReplayPacing Recorded(StreamTiming timing)
    {
        ArgumentNullException.ThrowIfNull(timing);
        return new RecordedPacing(timing);
    }

    /// <summary>Loads the sidecar next to a recorded body (<c>bodyPath + ".timing"</c>) and paces by it.</summary>
    /// <param name="bodyPath">Path of the recorded body, e.g. <c>run.sse</c>.</param>
    public static ReplayPacing RecordedFromSidecar(string bodyPath) => Recorded(StreamTiming.Load(StreamTiming.SidecarPathFor(bodyPath)));

    /// <summary>Offsets that must start a new write for this pacing to work.</summary>
    internal abstract IEnumerable<int> CutPoints(int[] eventBoundaries);

    /// <summary>When each write (given by its start offset) is due, before the speed factor.</summary>
    internal abstract TimeSpan DueAt(int writeIndex, int writeStart, int[] eventBoundaries);

    /// <summary>When each write is due, speed factor applied.</summary>
    internal TimeSpan ScaledDueAt(int writeIndex, int writeStart, int[] eventBoundaries) =>
        DueAt(writeIndex, writeStart, eventBoundaries) / SpeedFactor;

    private static TimeSpan NonNegative(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return delay;
    }

    private sealed record FullSpeedPacing : ReplayPacing
    {
        internal override IEnumerable<int> CutPoints(int[] eventBoundaries) => [];

        internal override TimeSpan DueAt(int writeIndex, int writeStart, int[] eventBoundaries) => TimeSpan.Zero;
    }

    private sealed record EventDelayPacing(TimeSpan Delay) : ReplayPacing
    {
        internal override IEnumerable<int> CutPoints(int[] eventBoundaries) => eventBoundaries;

        internal override TimeSpan DueAt(int writeIndex, int writeStart, int[] eventBoundaries)
        {
            var found = Array.BinarySearch(eventBoundaries, writeStart);
            var eventsBefore = found >= 0 ? found + 1 : ~found;
            return Delay * eventsBefore;
        }
    }

    private sealed record WriteDelayPacing(TimeSpan Delay) : ReplayPacing
    {
        internal override IEnumerable<int> CutPoints(int[] eventBoundaries) => [];

        internal override TimeSpan DueAt(int writeIndex, int writeStart, int[] eventBoundaries) => Delay * writeIndex;
    }

    private sealed record RecordedPacing(StreamTiming Timing) : ReplayPacing
    {
        internal override IEnumerable<int> CutPoints(int[] eventBoundaries) =>
            Timing.Marks.Select(mark => (int)Math.Min(mark.ByteOffset, int.MaxValue));

        internal override TimeSpan DueAt(int writeIndex, int writeStart, int[] eventBoundaries)
        {
            var marks = Timing.Marks;
            if (marks.Count == 0) return TimeSpan.Zero;

            // The first mark past writeStart: the bytes starting there had arrived by its time.
            int low = 0, high = marks.Count;
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                if (marks[middle].ByteOffset > writeStart) high = middle;
                else low = middle + 1;
            }

            return low < marks.Count ? marks[low].Elapsed : marks[^1].Elapsed;
        }
    }
}
