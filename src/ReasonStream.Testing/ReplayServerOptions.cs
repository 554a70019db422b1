namespace ReasonStream.Testing;

/// <summary>Settings for a <see cref="ReplayServer"/>.</summary>
public sealed record ReplayServerOptions
{
    /// <summary>What to answer once the script is used up. Default: <see cref="ExhaustedScriptBehavior.RespondWithError"/>.</summary>
    public ExhaustedScriptBehavior WhenScriptExhausted { get; init; } = ExhaustedScriptBehavior.RespondWithError;

    /// <summary>
    /// Hang guard for <see cref="ReplayServer.WaitForRequestAsync"/>: how long it waits for a request before
    /// throwing <see cref="TimeoutException"/>. Default: 30 seconds.
    /// </summary>
    public TimeSpan WaitTimeout
    {
        get;
        init => field = value > TimeSpan.Zero || value == Timeout.InfiniteTimeSpan
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The wait timeout must be positive or infinite.");
    } = TimeSpan.FromSeconds(30);

    /// <summary>The clock used for pacing and injected delays. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(value));
    } = TimeProvider.System;
}
