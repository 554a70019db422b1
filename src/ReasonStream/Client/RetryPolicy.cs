namespace ReasonStream;

/// <summary>
/// Retries for connection failures, 408, 409, 425, 429 and 5xx, with exponential backoff and full jitter, honouring
/// <c>Retry-After</c>. Retries happen only before the response is accepted, so output is never duplicated. A server
/// that asks to wait longer than <see cref="MaxDelay"/>, or than what is left of <see cref="MaxTotalDelay"/>, is not
/// waited for: the request fails at once, and the error says how long the server asked for.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Retries after the first attempt (0: none). Default 3.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first backoff; doubled each retry. Default 1 s.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts, <c>Retry-After</c> included. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most time one request spends waiting between its attempts, all waits together. Default 60 s. Backoff is
    /// shortened to what is left; once it is spent, the last failure is reported.
    /// </summary>
    public TimeSpan MaxTotalDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The default policy.</summary>
    public static RetryPolicy Default { get; } = new();

    /// <summary>No retries.</summary>
    public static RetryPolicy None { get; } = new() { MaxRetries = 0 };

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based).</summary>
    /// <param name="retry">Which retry is next.</param>
    /// <param name="retryAfter">
    /// The server's <c>Retry-After</c>, if any: used as given, capped at <see cref="MaxDelay"/> (the client itself does not
    /// retry when the server asks for more than that).
    /// </param>
    public TimeSpan DelayFor(int retry, TimeSpan? retryAfter)
    {
        if (retryAfter is { } serverSays) return serverSays < TimeSpan.Zero ? TimeSpan.Zero : serverSays < MaxDelay ? serverSays : MaxDelay;
        double ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, retry - 1)));
        // Full jitter: spreads clients that failed together so they do not retry together.
        return TimeSpan.FromMilliseconds(ceiling / 2 + (Random.Shared.NextDouble() * ceiling / 2));
    }
}
