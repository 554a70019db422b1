using System.Text.Json;

namespace ReasonStream;

/// <summary>
/// How one protocol's server lists its models: where the list is, how it pages, and how it marks the models that reason.
/// Each protocol module has its own (<see cref="ProtocolModule.Models"/>); the client sends the requests, authenticated as
/// the protocol's streams are, and maps failures to the same typed errors.
/// </summary>
internal abstract class ModelList
{
    /// <summary>The most pages read for one list: a server that pages for ever ends the list there.</summary>
    public const int MaxPages = 50;

    /// <summary>The first page's URL.</summary>
    public abstract Uri FirstPage(Uri baseUri);

    /// <summary>The models of one page, and the next page's URL when there is one.</summary>
    public abstract (IReadOnlyList<ModelInfo> Models, Uri? Next) ReadPage(JsonElement page, Uri pageUri);

    /// <summary>
    /// A second look, for servers whose list does not say what a model can do (Ollama asks <c>/api/show</c> per model);
    /// by default the list is complete.
    /// </summary>
    public virtual Task<IReadOnlyList<ModelInfo>> DescribeAsync(IReadOnlyList<ModelInfo> models, Uri baseUri, ModelListTransport transport, CancellationToken cancellationToken) =>
        Task.FromResult(models);

    /// <summary>The base with a trailing slash, so relative paths append to it.</summary>
    protected static Uri Root(Uri baseUri) => baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");

    /// <summary>A string property, or null.</summary>
    protected static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The array property <paramref name="name"/>, or nothing.</summary>
    protected static IEnumerable<JsonElement> Items(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];
}

/// <summary>Sends one request of a model list (GET, or POST with a JSON body) and returns the parsed answer; failures are typed.</summary>
internal delegate Task<JsonDocument> ModelListTransport(HttpMethod method, Uri uri, byte[]? body, CancellationToken cancellationToken);
