namespace ReasonStream.Testing;

/// <summary>One write of the body: bytes [<see cref="Start"/>, <see cref="End"/>) at <see cref="Due"/> after the body starts.</summary>
internal readonly record struct WriteStep(int Start, int End, TimeSpan Due);

/// <summary>How the body of one response is written: the cuts, their due times, and what happens after the last byte.</summary>
internal sealed class WritePlan
{
    private WritePlan(IReadOnlyList<WriteStep> steps, BodyEnding ending, int? holdAt)
    {
        Steps = steps;
        Ending = ending;
        HoldAt = holdAt;
    }

    /// <summary>What happens after the planned bytes are written.</summary>
    public enum BodyEnding
    {
        /// <summary>End the response cleanly.</summary>
        Complete,

        /// <summary>Close the connection abruptly.</summary>
        Abort,

        /// <summary>Stop writing but keep the connection open.</summary>
        Stall,
    }

    public IReadOnlyList<WriteStep> Steps { get; }

    public BodyEnding Ending { get; }

    /// <summary>The body offset at which the response waits for its gate (a step ends there), or null.</summary>
    public int? HoldAt { get; }

    public static WritePlan For(ReplayResponse response)
    {
        var body = response.Body.Span;
        var (length, ending) = Truncation(response, body.Length);
        var events = SseEventBoundaries.Find(body);
        int? holdAt = response.Hold is { } hold ? Math.Min(hold.AfterBytes, length) : null;

        var cuts = new SortedSet<int>(
            response.WriteSplit.CutPoints(body.Length, events)
                .Concat(response.Pacing.CutPoints(events))
                .Where(offset => offset > 0 && offset < length));

        var steps = new List<WriteStep>(cuts.Count + 2);
        int start = 0, write = 0;
        foreach (var end in cuts.Append(length))
        {
            if (end <= start) continue;
            var due = response.Pacing.ScaledDueAt(write++, start, events);
            if (holdAt > start && holdAt < end)
            {
                // The hold cuts this write in two, both halves due at its time: the pacing goes on as if there were no hold.
                steps.Add(new WriteStep(start, holdAt.Value, due));
                start = holdAt.Value;
            }

            steps.Add(new WriteStep(start, end, due));
            start = end;
        }

        return new WritePlan(steps, ending, holdAt);
    }

    private static (int Length, BodyEnding Ending) Truncation(ReplayResponse response, int bodyLength)
    {
        var abortAt = response.AbortAfterBytes ?? int.MaxValue;
        var stallAt = response.StallAfterBytes ?? int.MaxValue;
        if (response.AbortAfterBytes is null && response.StallAfterBytes is null) return (bodyLength, BodyEnding.Complete);
        return abortAt <= stallAt
            ? (Math.Min(abortAt, bodyLength), BodyEnding.Abort)
            : (Math.Min(stallAt, bodyLength), BodyEnding.Stall);
    }
}
