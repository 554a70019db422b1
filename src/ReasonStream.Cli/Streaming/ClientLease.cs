namespace ReasonStream.Cli.Streaming;

/// <summary>
/// A client and the HTTP stack it was given, disposed together; and where the client's retry notices go for the exchange
/// now running (the client is made once per command, a chat session runs many exchanges).
/// </summary>
internal sealed class ClientLease(ReasoningClient client, HttpClient http, RecordingHandler? recording = null) : IDisposable
{
    public ReasoningClient Client { get; } = client;

    /// <summary>The recording of <c>--record</c>, when there is one (it may have failed; see <see cref="RecordingHandler.Failure"/>).</summary>
    public RecordingHandler? Recording { get; } = recording;

    /// <summary>Told of each retry of the exchange now running.</summary>
    public Action<RetryNotice>? OnRetry { get; set; }

    /// <summary>The client's <see cref="ReasoningClientOptions.OnRetry"/>: passes each notice on to <see cref="OnRetry"/>.</summary>
    internal void Relay(RetryNotice notice) => OnRetry?.Invoke(notice);

    public void Dispose()
    {
        Client.Dispose();
        http.Dispose();
    }
}
