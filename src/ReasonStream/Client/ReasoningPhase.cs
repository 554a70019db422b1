using System.Diagnostics;

namespace ReasonStream;

/// <summary>
/// Watches the updates of one stream for the end of its reasoning phase — the first answer or tool call after
/// reasoning, or the finish — and times it on the client's clock, so every consumer reads one duration.
/// </summary>
internal sealed class ReasoningPhase
{
    private long _start;
    private bool _ended;

    /// <summary>The <see cref="ReasoningEnded"/> to send before <paramref name="update"/>, if it ends the reasoning.</summary>
    public ReasoningEnded? Before(StreamUpdate update)
    {
        if (_ended) return null;
        if (update is ReasoningDelta)
        {
            if (_start == 0) _start = Stopwatch.GetTimestamp();
            return null;
        }

        return _start != 0 && update is AnswerDelta or ToolCallDelta or StreamFinished ? End() : null;
    }

    private ReasoningEnded End()
    {
        _ended = true;
        return new ReasoningEnded(Stopwatch.GetElapsedTime(_start));
    }
}
