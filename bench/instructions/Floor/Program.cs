using System.Net.Http.Headers;
using System.Text;
using ReasonStream.Benchmarks;

// floor BASE-URL [--repeat N]: POSTs one chat request and reads the stream with the bare loop.
using var http = new HttpClient();
return await Measure.RunAsync(args, "floor", async baseUri =>
{
    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "chat/completions"))
    {
        Content = new StringContent("""{"model":"deepseek-flash","messages":[{"role":"user","content":"Explain Fermat's Last Theorem."}],"stream":true}""", Encoding.UTF8, "application/json"),
    };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-bench");
    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    response.EnsureSuccessStatusCode();
    await using var body = await response.Content.ReadAsStreamAsync();
    return (await FloorLoop.ReadAsync(body), 0);
});
