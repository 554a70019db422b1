using ReasonStream.Cli.Configuration;

namespace ReasonStream.Cli.Streaming;

/// <summary>Builds the library client for an endpoint: key from memory only, timeouts and retries from the options, optional recording.</summary>
internal static class ClientFactory
{
    public static readonly TimeSpan MaxConnectTimeout = TimeSpan.FromSeconds(15);

    public static ClientLease Create(Endpoint endpoint, RequestSettings settings)
    {
        var options = new ReasoningClientOptions
        {
            BaseUri = new Uri(endpoint.BaseUrl),
            ApiKey = endpoint.ApiKey,
            ApiKeySource = endpoint.ApiKey is null ? null : "environment variable " + endpoint.ApiKeyVariable,
            Provider = endpoint.Preset,
        };
        if (settings.TimeoutSeconds is { } seconds)
        {
            var timeout = TimeSpan.FromSeconds(seconds);
            options.FirstTokenTimeout = timeout;
            options.StallTimeout = timeout;
            options.ConnectTimeout = timeout < MaxConnectTimeout ? timeout : MaxConnectTimeout;
        }

        if (settings.Retries is { } retries) options.Retry = new RetryPolicy { MaxRetries = retries };

        HttpMessageHandler handler = ReasoningClient.CreateDefaultHandler(options);
        if (settings.RecordPath is { } path) handler = new RecordingHandler(path) { InnerHandler = handler };
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        return new ClientLease(new ReasoningClient(options, http), http);
    }
}
