namespace ReasonStream.Testing;

/// <summary>One line of a <see cref="StreamTiming"/>: by <paramref name="Elapsed"/>, the first <paramref name="ByteOffset"/> body bytes had arrived.</summary>
/// <param name="ByteOffset">How many body bytes had been received in total (an exclusive end offset).</param>
/// <param name="Elapsed">Time since the response headers were received.</param>
public readonly record struct TimingMark(long ByteOffset, TimeSpan Elapsed);
