using System.Globalization;

namespace ReasonStream;

/// <summary>The waits one request may still spend on retries, under <see cref="RetryPolicy.MaxTotalDelay"/>.</summary>
internal sealed class RetryBudget(RetryPolicy policy)
{
    private TimeSpan _spent;

    /// <summary>
    /// The wait before the attempt after <paramref name="attempt"/>, or false when there is none: the budget is spent,
    /// or the server asks for more than the policy waits (<paramref name="refusal"/> then says so, for the error).
    /// </summary>
    public bool TryNext(int attempt, TimeSpan? serverAsks, out TimeSpan delay, out string? refusal)
    {
        delay = TimeSpan.Zero;
        refusal = null;
        var left = policy.MaxTotalDelay - _spent;
        if (serverAsks is { } asked)
        {
            var allowed = policy.MaxDelay < left ? policy.MaxDelay : left;
            if (asked > allowed)
            {
                refusal = $"The server asks to wait {Seconds(asked)}, longer than the retries may still wait ({Seconds(allowed < TimeSpan.Zero ? TimeSpan.Zero : allowed)}), so it was not retried.";
                return false;
            }

            delay = asked < TimeSpan.Zero ? TimeSpan.Zero : asked;
        }
        else
        {
            if (left <= TimeSpan.Zero) return false;
            var backoff = policy.DelayFor(attempt, null);
            delay = backoff < left ? backoff : left;
        }

        _spent += delay;
        return true;
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
