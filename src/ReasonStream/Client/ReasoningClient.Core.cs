namespace ReasonStream;

public sealed partial class ReasoningClient
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>Creates a client.</summary>
    /// <param name="options">Endpoint, key, timeouts.</param>
    /// <param name="httpClient">An <see cref="HttpClient"/> to use (e.g. from <c>IHttpClientFactory</c>); by default the client makes its own.</param>
    public ReasoningClient(ReasoningClientOptions options, HttpClient? httpClient = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

#pragma warning disable CS1998
    private async IAsyncEnumerable<StreamUpdate> StreamCoreAsync(ChatRequest request, ChatAccumulator? accumulator, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_http is not null) throw new NotImplementedException();
        yield break;
    }
#pragma warning restore CS1998
}
