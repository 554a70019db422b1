namespace ReasonStream.Testing;

/// <summary>
/// Records when body bytes arrive, to produce a <see cref="StreamTiming"/> sidecar (for example while a CLI
/// records a live stream to a <c>.sse</c> file). Create it when the response headers arrive, then call
/// <see cref="RecordRead"/> after every read of the body. Not thread-safe: one reader at a time.
/// </summary>
/// <example>
/// <code>
/// var recorder = new StreamTimingRecorder();
/// while ((n = await body.ReadAsync(buffer, ct)) > 0) { await file.WriteAsync(buffer.AsMemory(0, n), ct); recorder.RecordRead(n); }
/// recorder.ToTiming().Save(StreamTiming.SidecarPathFor(ssePath));
/// </code>
/// </example>
public sealed class StreamTimingRecorder
{
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly List<TimingMark> _marks = [];

    /// <summary>Starts the clock now.</summary>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> by default.</param>
    public StreamTimingRecorder(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _start = _time.GetTimestamp();
    }

    /// <summary>Total body bytes recorded so far.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>Notes that a read just returned <paramref name="byteCount"/> bytes. Reads of zero bytes are ignored.</summary>
    /// <param name="byteCount">Bytes returned by the read.</param>
    public void RecordRead(int byteCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteCount);
        if (byteCount == 0) return;
        TotalBytes += byteCount;
        _marks.Add(new TimingMark(TotalBytes, _time.GetElapsedTime(_start)));
    }

    /// <summary>The timing recorded so far.</summary>
    public StreamTiming ToTiming() => new(_marks);
}
