namespace ReasonStream.Testing;

/// <summary>The responses still to serve, in order. Thread-safe.</summary>
internal sealed class ReplayScript(IEnumerable<ReplayResponse> initial, ExhaustedScriptBehavior whenExhausted)
{
    private readonly Lock _lock = new();
    private readonly Queue<ReplayResponse> _pending = new(initial);
    private ReplayResponse? _last;
    private int _served;

    public void Enqueue(ReplayResponse response)
    {
        lock (_lock) _pending.Enqueue(response);
    }

    /// <summary>The next response and its position in the script, or false if the script is used up.</summary>
    public bool TryTakeNext(out ReplayResponse response, out int scriptIndex)
    {
        lock (_lock)
        {
            if (_pending.TryDequeue(out var next))
            {
                _last = next;
                response = next;
                scriptIndex = _served++;
                return true;
            }

            if (whenExhausted == ExhaustedScriptBehavior.RepeatLastResponse && _last is not null)
            {
                response = _last;
                scriptIndex = _served - 1;
                return true;
            }

            response = null!;
            scriptIndex = _served;
            return false;
        }
    }
}
