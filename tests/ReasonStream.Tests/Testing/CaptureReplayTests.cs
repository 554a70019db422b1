using System.Text;
using ReasonStream.Testing;

namespace ReasonStream.Tests.Testing;

public sealed class CaptureReplayTests
{
    public static TheoryData<string> SseCaptures => Captures.FilesEndingWith(".sse");

    public static TheoryData<string> JsonlCaptures => Captures.FilesEndingWith(".chunks.jsonl");

    [Theory]
    [MemberData(nameof(SseCaptures))]
    public async Task Sse_capture_is_served_byte_for_byte(string fileName)
    {
        var path = Captures.PathOf(fileName);
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromSseFile(path));
        using var client = new HttpClient();

        using var response = await Http.PostAsync(client, server.ChatCompletionsUri);
        var body = Http.Concat(await Http.ReadEachReadAsync(response));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/event-stream; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(File.ReadAllBytes(path), body);
        Assert.Equal(ResponseOutcome.Completed, await server.Requests[0].Outcome.WaitAsync(Http.HangGuard));
    }

    [Theory]
    [MemberData(nameof(JsonlCaptures))]
    public async Task Chunks_jsonl_capture_is_framed_as_data_events_ending_with_done(string fileName)
    {
        var path = Captures.PathOf(fileName);
        var expected = new StringBuilder();
        foreach (var line in File.ReadAllLines(path).Where(line => !string.IsNullOrWhiteSpace(line)))
            expected.Append("data: ").Append(line).Append("\n\n");
        expected.Append("data: [DONE]\n\n");

        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromChunksJsonl(path));
        using var client = new HttpClient();
        var body = await client.SendAsync(Http.ChatRequest(server.ChatCompletionsUri)).WaitAsync(Http.HangGuard);

        Assert.Equal(expected.ToString(), await body.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Chunks_jsonl_without_done_ends_after_the_last_chunk()
    {
        var path = Captures.PathOf("deepseek-reasoner-02.chunks.jsonl");
        var response = ReplayResponse.FromChunksJsonl(path, appendDone: false);

        var text = Encoding.UTF8.GetString(response.Body.Span);

        Assert.DoesNotContain("[DONE]", text);
        Assert.EndsWith("}\n\n", text);
        Assert.Equal(File.ReadAllLines(path).Count(line => line.Length > 0), text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Hand_written_chunks_are_framed_with_done()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromChunks("""{"a":1}""", """{"a":2}"""));
        using var client = new HttpClient();

        var response = await client.SendAsync(Http.ChatRequest(server.ChatCompletionsUri)).WaitAsync(Http.HangGuard);

        Assert.Equal("data: {\"a\":1}\n\ndata: {\"a\":2}\n\ndata: [DONE]\n\n", await response.Content.ReadAsStringAsync());
    }
}
