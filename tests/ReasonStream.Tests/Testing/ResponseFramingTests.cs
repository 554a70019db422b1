using System.Net;
using ReasonStream.Testing;

namespace ReasonStream.Tests.Testing;

/// <summary>On the wire, a response is framed exactly as <see cref="ReplayResponse"/> says: one chunk per planned write, or a Content-Length.</summary>
public sealed class ResponseFramingTests
{
    [Fact]
    public async Task Each_planned_write_goes_out_as_exactly_one_chunk()
    {
        var response = ReplayResponse.FromText(new string('a', 100)) with { WriteSplit = WriteSplit.AtOffsets(10, 50, 51) };
        await using var server = await ReplayServer.StartAsync(response);
        using var raw = await RawHttp.ConnectAsync(server);

        await raw.SendAsync(RawHttp.Post("{}"));
        var served = await raw.ReadResponseAsync();

        Assert.Equal("chunked", served.Headers["Transfer-Encoding"]);
        Assert.Equal([10, 40, 1, 49], served.Chunks.Select(chunk => chunk.Length));
        Assert.Equal(response.Body.ToArray(), served.Body);
    }

    [Fact]
    public async Task Keep_alives_go_out_as_chunks_of_their_own()
    {
        var response = ReplayResponse.FromText("data: x\n\n") with { DelayBeforeBody = TimeSpan.FromMilliseconds(60), KeepAliveInterval = TimeSpan.FromMilliseconds(25) };
        await using var server = await ReplayServer.StartAsync(response);
        using var raw = await RawHttp.ConnectAsync(server);

        await raw.SendAsync(RawHttp.Post("{}"));
        var served = await raw.ReadResponseAsync();

        Assert.Equal([": keep-alive\n\n", ": keep-alive\n\n", "data: x\n\n"], served.Chunks.Select(chunk => System.Text.Encoding.UTF8.GetString(chunk)));
    }

    [Fact]
    public async Task An_error_has_a_Content_Length_and_the_status_line_its_reason_phrase()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.Error(429, """{"error":{}}""").WithHeader("Retry-After", "2"));
        using var raw = await RawHttp.ConnectAsync(server);

        await raw.SendAsync(RawHttp.Post("{}"));
        var served = await raw.ReadResponseAsync();

        Assert.Equal("HTTP/1.1 429 Too Many Requests", served.StatusLine);
        Assert.Equal("12", served.Headers["Content-Length"]);
        Assert.False(served.Headers.ContainsKey("Transfer-Encoding"));
        Assert.Equal("2", served.Headers["Retry-After"]);
        Assert.True(DateTimeOffset.TryParse(served.Headers["Date"], out _));
        Assert.Equal("""{"error":{}}""", served.BodyText);
    }

    [Fact]
    public async Task A_response_to_HEAD_has_headers_only_and_the_connection_serves_the_next_request()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("ok"));
        using var raw = await RawHttp.ConnectAsync(server);

        await raw.SendAsync("HEAD /v1/chat/completions HTTP/1.1\r\nHost: x\r\n\r\n");
        var head = await raw.ReadResponseAsync(headersOnly: true);
        await raw.SendAsync(RawHttp.Post("{}"));
        var next = await raw.ReadResponseAsync();

        Assert.Equal(405, head.Status);
        Assert.NotEqual("0", head.Headers["Content-Length"]);
        Assert.Equal("ok", next.BodyText);
    }

    [Fact]
    public async Task A_204_carries_no_body_framing()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("") with { StatusCode = 204 }, ReplayResponse.FromText("after"));
        using var client = new HttpClient();

        using var noContent = await client.SendAsync(Http.ChatRequest(server.ChatCompletionsUri)).WaitAsync(Http.HangGuard);
        using var after = await client.SendAsync(Http.ChatRequest(server.ChatCompletionsUri)).WaitAsync(Http.HangGuard);

        Assert.Equal(HttpStatusCode.NoContent, noContent.StatusCode);
        Assert.False(noContent.Headers.TransferEncodingChunked ?? false);
        Assert.Equal("after", await after.Content.ReadAsStringAsync());
        Assert.Equal(server.Requests[0].ConnectionId, server.Requests[1].ConnectionId);
    }

    [Theory]
    [InlineData("X-Injected", "a\r\nSet-Cookie: b")]
    [InlineData("Bad Name", "value")]
    [InlineData("Content-Length", "5")]
    [InlineData("Transfer-Encoding", "identity")]
    public async Task A_header_that_would_break_the_framing_fails_the_response_instead_of_reaching_the_wire(string name, string value)
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("ok").WithHeader(name, value));
        using var client = new HttpClient();

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.SendAsync(Http.ChatRequest(server.ChatCompletionsUri)).WaitAsync(Http.HangGuard));

        await Assert.ThrowsAsync<InvalidOperationException>(() => server.Requests[0].Outcome.WaitAsync(Http.HangGuard));
    }

    [Fact]
    public async Task A_response_saying_Connection_close_closes_after_its_end()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("bye").WithHeader("Connection", "close"));
        using var raw = await RawHttp.ConnectAsync(server);

        await raw.SendAsync(RawHttp.Post("{}"));
        var served = await raw.ReadResponseAsync();

        Assert.Equal("bye", served.BodyText);
        Assert.Equal("close", served.Headers["Connection"]);
        Assert.True(await raw.ClosedByServerAsync());
    }
}
