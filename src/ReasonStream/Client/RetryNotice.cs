namespace ReasonStream;

/// <summary>
/// A failed attempt that is about to be retried, given to <see cref="ReasoningClientOptions.OnRetry"/> before the wait
/// starts, so a program can say what is happening ("429: retrying in 2.1 s") instead of going quiet.
/// </summary>
/// <param name="Failure">
/// What went wrong, typed as it would be thrown (e.g. <see cref="RateLimitedException"/> with its status); the key never
/// appears in it.
/// </param>
/// <param name="Attempt">The number of the attempt that failed, from 1.</param>
/// <param name="Delay">How long the client waits before the next attempt.</param>
public sealed record RetryNotice(ReasonStreamException Failure, int Attempt, TimeSpan Delay);
