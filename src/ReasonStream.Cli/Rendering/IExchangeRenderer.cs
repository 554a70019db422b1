using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Streaming;

namespace ReasonStream.Cli.Rendering;

/// <summary>Shows one exchange as it happens: the human view, or NDJSON for programs.</summary>
internal interface IExchangeRenderer : IDisposable
{
    /// <summary>The request is about to be sent.</summary>
    void Begin(Endpoint endpoint);

    /// <summary>One update, the moment it arrives; must write and flush at once.</summary>
    void Update(StreamUpdate update);

    /// <summary>The exchange ended (well or not); <paramref name="outcome"/> says how.</summary>
    void End(ExchangeOutcome outcome);
}
