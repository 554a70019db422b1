namespace ReasonStream.Cli.Streaming;

/// <summary>A client and the HTTP stack it was given, disposed together.</summary>
internal sealed class ClientLease(ReasoningClient client, HttpClient http) : IDisposable
{
    public ReasoningClient Client { get; } = client;

    public void Dispose()
    {
        Client.Dispose();
        http.Dispose();
    }
}
