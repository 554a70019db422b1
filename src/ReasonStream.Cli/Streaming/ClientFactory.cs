using ReasonStream.Cli.Configuration;

namespace ReasonStream.Cli.Streaming;

/// <summary>Builds the library client for an endpoint: key from memory only, timeouts and retries from the options, optional recording.</summary>
internal static class ClientFactory
{
    public static readonly TimeSpan MaxConnectTimeout = TimeSpan.FromSeconds(15);

    public static ClientLease Create(Endpoint endpoint, RequestSettings settings)
    {
        ClientLease? lease = null;
        var options = new ReasoningClientOptions
        {
            BaseUri = new Uri(endpoint.BaseUrl),
            ApiKey = endpoint.ApiKey,
            ApiKeySource = endpoint.ApiKeySource,
            Provider = endpoint.Preset,
            Protocol = endpoint.Protocol,
            Dialect = settings.Dialect,
            OnRetry = notice => lease?.Relay(notice),
        };
        if (settings.TimeoutSeconds is { } seconds)
        {
            var timeout = TimeSpan.FromSeconds(seconds);
            options.FirstTokenTimeout = timeout;
            options.StallTimeout = timeout;
            options.ConnectTimeout = timeout < MaxConnectTimeout ? timeout : MaxConnectTimeout;
            // Waiting to retry is waiting for the first token too: --timeout bounds all the waits together.
            if (timeout < options.Retry.MaxTotalDelay) options.Retry = options.Retry with { MaxTotalDelay = timeout };
        }

        if (settings.Retries is { } retries) options.Retry = options.Retry with { MaxRetries = retries };

        // The recording file is opened first: a path that cannot be written fails here, before anything is sent.
        var recording = settings.RecordPath is { } path ? RecordingHandler.Open(path, endpoint.ApiKey) : null;
        HttpMessageHandler handler = ReasoningClient.CreateDefaultHandler(options);
        if (recording is not null)
        {
            recording.InnerHandler = handler;
            handler = recording;
        }

        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        lease = new ClientLease(new ReasoningClient(options, http), http, recording);
        return lease;
    }
}
