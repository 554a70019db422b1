using ReasonStream.Cli.Exchange;

namespace ReasonStream.Cli.Rendering;

/// <summary>Shows one exchange as it happens: the human view, or NDJSON for programs.</summary>
internal interface IExchangeRenderer : IDisposable
{
    /// <summary>The request is about to be sent; <paramref name="logId"/> is its log row, when it has one.</summary>
    void Begin(ExchangeRequest request, long? logId);

    /// <summary>One update, the moment it arrives. Its text is written at once but may be held until <see cref="Flush"/>.</summary>
    void Update(StreamUpdate update);

    /// <summary>
    /// Sends everything written so far. Called whenever no further update is ready (before waiting for the network), so
    /// updates that arrive together leave in one write and none is ever delayed.
    /// </summary>
    void Flush();

    /// <summary>An attempt failed before any output and is retried after <see cref="RetryNotice.Delay"/>: say so.</summary>
    void Retrying(RetryNotice notice);

    /// <summary>The exchange ended (well or not); <paramref name="outcome"/> says how.</summary>
    void End(ExchangeOutcome outcome);
}
