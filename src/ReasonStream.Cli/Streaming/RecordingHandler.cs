using ReasonStream.Testing;

namespace ReasonStream.Cli.Streaming;

/// <summary>
/// <c>--record FILE</c>: tees the body of a successful streaming response into FILE, byte for byte, as the
/// client reads it (so recording adds no delay), and writes the read timing to FILE.timing for paced replay.
/// </summary>
internal sealed class RecordingHandler(string path) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode) return response;

        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
        var tee = new TeeReadStream(body, file, StreamTiming.SidecarPathFor(path));
        var content = new StreamContent(tee);
        foreach (var header in response.Content.Headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        content.Headers.ContentLength = null;
        response.Content = content;
        return response;
    }
}
