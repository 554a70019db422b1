using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ReasonStream;

public sealed partial class ReasoningClient
{
    /// <summary>The most one model list (a page, or one model's details) may hold: OpenRouter's whole catalogue is a few MB.</summary>
    private const int MaxModelListBytes = 32 * 1024 * 1024;

    /// <summary>
    /// Lists the models the endpoint serves, in its protocol's own way: <c>GET {base}/models</c> (chat completions and the
    /// Responses API), Anthropic's <c>GET {base}/v1/models</c>, Gemini's <c>GET {base}/models</c>, Ollama's <c>GET
    /// {base}/api/tags</c> with <c>POST {base}/api/show</c> per model — every page of it, authenticated as the streams are.
    /// <see cref="ModelInfo.SupportsReasoning"/> is set where the provider marks reasoning models (Anthropic, Gemini, Ollama,
    /// OpenRouter). Each request is bounded by <see cref="ReasoningClientOptions.FirstTokenTimeout"/>, and is not retried.
    /// </summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The models, in the order the server lists them.</returns>
    /// <exception cref="ReasonStreamException">Typed as for a stream: a rejected key, nothing listening, a body that is not a model list.</exception>
    public async Task<IReadOnlyList<ModelInfo>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        var protocol = ProtocolModule.For(Options.EffectiveProtocol);
        var list = protocol.Models;
        var models = new List<ModelInfo>();
        Uri? page = list.FirstPage(Options.BaseUri);
        for (int pages = 0; page is not null && pages < ModelList.MaxPages; pages++)
        {
            using var json = await GetModelJsonAsync(protocol, HttpMethod.Get, page, null, cancellationToken).ConfigureAwait(false);
            if (json.RootElement.ValueKind != JsonValueKind.Object) throw NotAModelList(page, "it is not a JSON object");
            var (items, next) = list.ReadPage(json.RootElement, page);
            models.AddRange(items);
            page = next;
        }

        return await list.DescribeAsync(models, Options.BaseUri, (method, uri, body, token) => GetModelJsonAsync(protocol, method, uri, body, token), cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<JsonDocument> GetModelJsonAsync(ProtocolModule protocol, HttpMethod method, Uri uri, byte[]? body, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        AddHeaders(message, protocol);
        message.Headers.Accept.Clear();
        message.Headers.Accept.ParseAdd("application/json");

        string where = ReasoningClientOptions.Display(uri);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.FirstTokenTimeout);
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            ContentDecoding.Decode(response);
            byte[] bytes = await ReadBoundedAsync(response.Content, timeout.Token).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode) throw ModelListFailure(status, response.Headers, bytes, response.Content.Headers.ContentType?.ToString(), where);
            try
            {
                return JsonDocument.Parse(bytes);
            }
            catch (JsonException)
            {
                throw NotAModelList(uri, "it is not JSON: " + ErrorMapper.Excerpt(bytes, Options.ApiKey));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw new FirstTokenTimeoutException($"The model list at {where} did not arrive within {Options.FirstTokenTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.")
            {
                Timeout = Options.FirstTokenTimeout,
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new ConnectionFailedException($"Could not reach {where}: {Describe(ex)}", ex);
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxModelListBytes) throw new StreamProtocolException($"The model list is larger than {MaxModelListBytes / (1024 * 1024)} MiB.");
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static StreamProtocolException NotAModelList(Uri uri, string why) =>
        new($"The answer of {ReasoningClientOptions.Display(uri)} is not a model list: {why}.");

    /// <summary>A failed list request as the same typed errors as a failed stream (the key taken out of whatever the server said).</summary>
    private ReasonStreamException ModelListFailure(int status, HttpResponseHeaders headers, byte[] body, string? contentType, string where)
    {
        var (providerMessage, code, detail, httpPart, _, nonJson) = ErrorBody.Read(status, body, contentType, Options.ApiKey);
        ReasonStreamException exception = status switch
        {
            401 or 403 => new AuthenticationFailedException(Options.ApiKey is null
                ? $"The server requires an API key to list its models and none was sent ({httpPart}){detail}{nonJson}"
                : $"The API key from {Options.ApiKeySource ?? "the options"} was rejected ({httpPart}){detail}{nonJson}")
            {
                KeySource = Options.ApiKey is null ? null : Options.ApiKeySource ?? "the options",
            },
            402 => new InsufficientBalanceException($"The account has insufficient balance ({httpPart}){detail}"),
            404 => new HttpStatusException($"Nothing lists models at {where} ({httpPart}){detail}{nonJson}: the server offers no model list there, or the base URL is wrong."),
            400 or 422 => new InvalidRequestException($"The server rejected the model list request ({httpPart}){detail}{nonJson}"),
            429 => new RateLimitedException($"Rate limited ({httpPart}){detail}{nonJson}.") { RetryAfter = ErrorMapper.RetryAfter(headers) },
            >= 500 => new ServerErrorException($"The server failed ({httpPart}){detail}{nonJson}."),
            _ => new HttpStatusException($"Unexpected response ({httpPart}) from {where}{detail}{nonJson}."),
        };
        exception.StatusCode = status;
        exception.ProviderMessage = providerMessage;
        exception.ProviderCode = code;
        return exception;
    }
}
