using System.Diagnostics.CodeAnalysis;

namespace ReasonStream.Testing;

/// <summary>
/// Where the body is cut into separate writes. Every write is flushed and handed to the socket before the next,
/// so the client really receives the pieces as separate network reads (unless it reads slower than they arrive).
/// </summary>
public abstract class WriteSplit
{
    private WriteSplit()
    {
    }

    /// <summary>One write per SSE event: cut after each blank line. The default.</summary>
    public static WriteSplit PerEvent { get; } = new EventSplit();

    /// <summary>The whole body in one write (used for error bodies).</summary>
    public static WriteSplit WholeBody { get; } = new NoSplit();

    /// <summary>One write every <paramref name="byteCount"/> bytes (the last may be shorter), ignoring event boundaries.</summary>
    /// <param name="byteCount">Bytes per write; at least 1.</param>
    public static WriteSplit EveryBytes(int byteCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(byteCount, 1);
        return new FixedSizeSplit(byteCount);
    }

    /// <summary>Cut at exactly these body offsets (offsets of 0 or past the end are ignored).</summary>
    /// <param name="offsets">Byte offsets at which a new write starts.</param>
    public static WriteSplit AtOffsets(params int[] offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        return new OffsetSplit([.. offsets]);
    }

    /// <summary>Random write sizes between 1 and <paramref name="maxWriteSize"/> bytes, reproducible from <paramref name="seed"/>.</summary>
    /// <param name="seed">Seed; the same seed always gives the same cuts for the same body.</param>
    /// <param name="maxWriteSize">Largest write; at least 1.</param>
    public static WriteSplit Random(int seed, int maxWriteSize = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWriteSize, 1);
        return new RandomSplit(seed, maxWriteSize);
    }

    /// <summary>The offsets (strictly inside the body or not) at which a new write starts.</summary>
    internal abstract IEnumerable<int> CutPoints(int bodyLength, int[] eventBoundaries);

    private sealed class EventSplit : WriteSplit
    {
        internal override IEnumerable<int> CutPoints(int bodyLength, int[] eventBoundaries) => eventBoundaries;

        public override string ToString() => "PerEvent";
    }

    private sealed class NoSplit : WriteSplit
    {
        internal override IEnumerable<int> CutPoints(int bodyLength, int[] eventBoundaries) => [];

        public override string ToString() => "WholeBody";
    }

    private sealed class FixedSizeSplit(int byteCount) : WriteSplit
    {
        internal override IEnumerable<int> CutPoints(int bodyLength, int[] eventBoundaries)
        {
            for (var offset = byteCount; offset < bodyLength; offset += byteCount) yield return offset;
        }

        public override string ToString() => $"EveryBytes({byteCount})";
    }

    private sealed class OffsetSplit(int[] offsets) : WriteSplit
    {
        internal override IEnumerable<int> CutPoints(int bodyLength, int[] eventBoundaries) => offsets;

        public override string ToString() => $"AtOffsets({string.Join(", ", offsets)})";
    }

    private sealed class RandomSplit(int seed, int maxWriteSize) : WriteSplit
    {
        [SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Reproducible test data, not security.")]
        internal override IEnumerable<int> CutPoints(int bodyLength, int[] eventBoundaries)
        {
            var random = new System.Random(seed);
            for (var offset = random.Next(1, maxWriteSize + 1); offset < bodyLength; offset += random.Next(1, maxWriteSize + 1))
                yield return offset;
        }

        public override string ToString() => $"Random(seed: {seed}, maxWriteSize: {maxWriteSize})";
    }
}
