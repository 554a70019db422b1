namespace ReasonStream.Testing;

// A response held mid-body until the test releases it (ReplayGate).
public sealed partial record ReplayResponse
{
    /// <summary>
    /// Fault: write the body up to <see cref="ReplayHold.AfterBytes"/>, then write nothing until its
    /// <see cref="ReplayHold.Gate"/> is released. Set it with <see cref="HeldAfterEvents"/> or <see cref="HeldAfterBytes"/>.
    /// A hold point past the end of what is written (the body, or the cut of <see cref="AbortAfterBytes"/> or
    /// <see cref="StallAfterBytes"/>) holds after the last byte, before the response ends.
    /// </summary>
    public ReplayHold? Hold { get; init; }

    /// <summary>
    /// A copy held by <paramref name="gate"/> after the first <paramref name="eventCount"/> server-sent events
    /// (blank-line-terminated blocks, comments included). An NDJSON body (Ollama) has no such events: hold it with
    /// <see cref="HeldAfterBytes"/> at the end of a line.
    /// </summary>
    /// <param name="eventCount">Events written before the hold; 0 holds before the first body byte (after the headers).</param>
    /// <param name="gate">The gate the test releases.</param>
    /// <exception cref="ArgumentOutOfRangeException">The body has fewer than <paramref name="eventCount"/> events.</exception>
    public ReplayResponse HeldAfterEvents(int eventCount, ReplayGate gate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(eventCount);
        var boundaries = SseEventBoundaries.Find(Body.Span);
        if (eventCount > boundaries.Length)
            throw new ArgumentOutOfRangeException(nameof(eventCount), eventCount, $"The body has only {boundaries.Length} events.");
        return HeldAfterBytes(eventCount == 0 ? 0 : boundaries[eventCount - 1], gate);
    }

    /// <summary>A copy held by <paramref name="gate"/> after exactly <paramref name="byteCount"/> body bytes.</summary>
    /// <param name="byteCount">Body bytes written before the hold; 0 holds before the first body byte (after the headers).</param>
    /// <param name="gate">The gate the test releases.</param>
    public ReplayResponse HeldAfterBytes(int byteCount, ReplayGate gate) => this with { Hold = new ReplayHold(byteCount, gate) };
}

/// <summary>Where a <see cref="ReplayResponse"/> stops until its gate is released: see <see cref="ReplayResponse.Hold"/>.</summary>
public sealed class ReplayHold
{
    /// <summary>A hold after <paramref name="afterBytes"/> body bytes, until <paramref name="gate"/> is released.</summary>
    /// <param name="afterBytes">Body bytes written before the hold; 0 or more.</param>
    /// <param name="gate">The gate the test releases.</param>
    public ReplayHold(int afterBytes, ReplayGate gate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterBytes);
        ArgumentNullException.ThrowIfNull(gate);
        AfterBytes = afterBytes;
        Gate = gate;
    }

    /// <summary>Body bytes written before the hold.</summary>
    public int AfterBytes { get; }

    /// <summary>The gate the test releases.</summary>
    public ReplayGate Gate { get; }
}
