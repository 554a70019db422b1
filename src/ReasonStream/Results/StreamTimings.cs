namespace ReasonStream;

/// <summary>When things happened, measured from the start of the request (or of accumulation).</summary>
public sealed record StreamTimings
{
    /// <summary>Until the HTTP response headers arrived.</summary>
    public TimeSpan? TimeToFirstByte { get; init; }

    /// <summary>Until the first reasoning text.</summary>
    public TimeSpan? TimeToFirstReasoning { get; init; }

    /// <summary>Until the first answer text (or tool call).</summary>
    public TimeSpan? TimeToFirstAnswer { get; init; }

    /// <summary>From the first reasoning text to the first answer text (or to the end, if no answer came).</summary>
    public TimeSpan? ReasoningDuration { get; init; }

    /// <summary>The whole exchange: until the stream finished, or — for a partial result — until the result was taken.</summary>
    public TimeSpan Total { get; init; }
}
