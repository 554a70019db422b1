using System.Text;

namespace ReasonStream.Tests.Testing;

/// <summary>Plain-HttpClient helpers for talking to the replay server.</summary>
internal static class Http
{
    /// <summary>Bounds every wait that should finish: a hang guard, not a performance limit.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(15);

    public static HttpRequestMessage ChatRequest(Uri uri, string body = """{"model":"m","stream":true}""") =>
        new(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    /// <summary>Sends a chat request and returns as soon as the headers arrive.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, Uri uri, CancellationToken cancellationToken = default) =>
        client.SendAsync(ChatRequest(uri), HttpCompletionOption.ResponseHeadersRead, cancellationToken).WaitAsync(HangGuard, cancellationToken);

    /// <summary>Reads the body to the end, returning each read's bytes separately.</summary>
    public static async Task<List<byte[]>> ReadEachReadAsync(HttpResponseMessage response, int bufferSize = 64 * 1024)
    {
        await using var stream = await response.Content.ReadAsStreamAsync();
        var reads = new List<byte[]>();
        var buffer = new byte[bufferSize];
        int count;
        while ((count = await stream.ReadAsync(buffer).AsTask().WaitAsync(HangGuard)) > 0) reads.Add(buffer[..count]);
        return reads;
    }

    /// <summary>Reads until exactly <paramref name="count"/> bytes have arrived (fewer if the body ends first).</summary>
    public static async Task<byte[]> ReadExactlyAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled)).AsTask().WaitAsync(HangGuard);
            if (read == 0) break;
            filled += read;
        }

        return buffer[..filled];
    }

    public static byte[] Concat(IEnumerable<byte[]> reads) => [.. reads.SelectMany(read => read)];
}
