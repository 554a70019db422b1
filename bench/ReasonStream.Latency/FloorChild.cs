namespace ReasonStream.Latency;

/// <summary>
/// The floor for the CLI (this program with <c>--floor-child URL</c>): a process of its own that reads the stream with
/// the bare line reader and writes each <c>data:</c> line to its standard output at once, one write per line — the
/// transport and a process's stdout, with no parsing and no rendering.
/// </summary>
internal static class FloorChild
{
    public static async Task<int> RunAsync(Uri baseUri)
    {
        using var http = new HttpClient(ReasoningClient.CreateDefaultHandler(new ReasoningClientOptions())) { Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "chat/completions"))
        {
            Content = new ByteArrayContent("""{"model":"deepseek-flash","stream":true,"messages":[{"role":"user","content":"Explain Fermat's Last Theorem."}]}"""u8.ToArray()),
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        await using var stdout = Console.OpenStandardOutput();
        var line = new byte[64 * 1024];
        await LineFloor.ReadLinesAsync(body, (data, _) =>
        {
            if (!data.StartsWith("data: "u8)) return;
            if (line.Length <= data.Length) line = new byte[data.Length * 2];
            data.CopyTo(line);
            line[data.Length] = (byte)'\n';
            stdout.Write(line, 0, data.Length + 1);
        }, CancellationToken.None);
        return 0;
    }
}
