namespace ReasonStream.Latency;

/// <summary>The Stopwatch timestamps of one run, per delta (−1 where not seen).</summary>
internal sealed class RunTimes
{
    public RunTimes(string consumer, int round, int deltas)
    {
        Consumer = consumer;
        Round = round;
        Released = New(deltas);
        Arrived = New(deltas);
        Consumed = New(deltas);
        ArrivedOn = new int[deltas];
        ConsumedOn = new int[deltas];
    }

    public string Consumer { get; }

    public int Round { get; }

    /// <summary>The server began the write that carries the delta (its pacing timer fired).</summary>
    public long[] Released { get; }

    /// <summary>A socket read in this process returned the delta's marker (in-process consumers only).</summary>
    public long[] Arrived { get; }

    /// <summary>The consumer held the delta: the library's update, the floor's line or string, the bytes on the CLI's stdout or stderr.</summary>
    public long[] Consumed { get; }

    /// <summary>The managed thread whose socket read returned the delta's marker.</summary>
    public int[] ArrivedOn { get; private init; } = [];

    /// <summary>The managed thread the consumer held the delta on.</summary>
    public int[] ConsumedOn { get; private init; } = [];

    /// <summary>How many of the server's writes were not released by a timer (the writer was already late), and so have no release time.</summary>
    public int Unreleased { get; set; }

    /// <summary>Releases left out because they could not belong to the delta they were matched to.</summary>
    public int Mismatched { get; set; }

    private static long[] New(int length)
    {
        var times = new long[length];
        Array.Fill(times, -1L);
        return times;
    }
}
