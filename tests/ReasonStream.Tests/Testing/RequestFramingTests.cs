using System.Net;
using System.Text;
using ReasonStream.Testing;

namespace ReasonStream.Tests.Testing;

/// <summary>Requests framed every way HTTP/1.1 allows reach the script whole: chunked, after 100-continue, pipelined, with large headers.</summary>
public sealed class RequestFramingTests
{
    [Fact]
    public async Task A_chunked_request_body_is_recorded_whole_without_its_extensions_or_trailers()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("ok"));
        using var raw = await RawHttp.ConnectAsync(server);

        await raw.SendAsync(
            "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n" +
            "8;note=first\r\n{\"model\"\r\n" + "B\r\n:\"m\",\"n\":1}\r\n" + "0\r\nX-Trailer: done\r\n\r\n");
        var response = await raw.ReadResponseAsync();

        Assert.Equal(200, response.Status);
        Assert.Equal("ok", response.BodyText);
        var recorded = await server.WaitForRequestAsync(0);
        Assert.Equal("""{"model":"m","n":1}""", recorded.Body);
        Assert.Equal("chunked", recorded.Header("Transfer-Encoding"));
    }

    [Fact]
    public async Task HttpClient_sends_a_body_of_unknown_length_chunked_and_it_arrives_whole()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("ok"));
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, server.ChatCompletionsUri) { Content = new UnknownLengthContent("{\"model\":\"m\",", "\"stream\":true}") };

        using var response = await client.SendAsync(request).WaitAsync(Http.HangGuard);

        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        var recorded = await server.WaitForRequestAsync(0);
        Assert.Equal("chunked", recorded.Header("Transfer-Encoding"));
        Assert.Equal("""{"model":"m","stream":true}""", recorded.Body);
    }

    [Fact]
    public async Task Expect_100_continue_is_answered_before_the_client_sends_the_body()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("ok"));
        using var raw = await RawHttp.ConnectAsync(server);
        const string body = """{"model":"m"}""";

        await raw.SendAsync($"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nContent-Length: {body.Length}\r\n\r\n");
        var interim = await raw.ReadResponseAsync();
        await raw.SendAsync(body);
        var response = await raw.ReadResponseAsync();

        Assert.Equal("HTTP/1.1 100 Continue", interim.StatusLine);
        Assert.Equal(200, response.Status);
        Assert.Equal(body, (await server.WaitForRequestAsync(0)).Body);
    }

    [Fact]
    public async Task HttpClient_waiting_for_100_continue_gets_it()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("ok"));
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = Timeout.InfiniteTimeSpan });
        using var request = Http.ChatRequest(server.ChatCompletionsUri);
        request.Headers.ExpectContinue = true;

        using var response = await client.SendAsync(request).WaitAsync(Http.HangGuard);

        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        Assert.Equal("100-continue", (await server.WaitForRequestAsync(0)).Header("Expect"));
    }

    [Fact]
    public async Task Pipelined_requests_are_answered_in_order_on_the_same_connection()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("first"), ReplayResponse.FromText("second"), ReplayResponse.FromText("third"));
        using var raw = await RawHttp.ConnectAsync(server);

        await raw.SendAsync(RawHttp.Post("""{"n":1}""") + RawHttp.Post("""{"n":2}""") + RawHttp.Post("""{"n":3}"""));
        var bodies = new List<string>();
        for (int i = 0; i < 3; i++) bodies.Add((await raw.ReadResponseAsync()).BodyText);

        Assert.Equal(["first", "second", "third"], bodies);
        Assert.Equal(["""{"n":1}""", """{"n":2}""", """{"n":3}"""], server.Requests.Select(request => request.Body));
        Assert.Single(server.Requests.Select(request => request.ConnectionId).Distinct());
    }

    [Fact]
    public async Task A_request_pipelined_behind_a_paced_stream_waits_its_turn()
    {
        var paced = ReplayResponse.FromChunks("""{"a":1}""", """{"a":2}""") with { Pacing = ReplayPacing.DelayBetweenEvents(TimeSpan.FromMilliseconds(30)) };
        await using var server = await ReplayServer.StartAsync(paced, ReplayResponse.FromText("next"));
        using var raw = await RawHttp.ConnectAsync(server);

        await raw.SendAsync(RawHttp.Post("{}"));
        await server.WaitForRequestAsync(0);
        await raw.SendAsync(RawHttp.Post("""{"second":true}""")); // arrives while the first response is being written
        var first = await raw.ReadResponseAsync();
        var second = await raw.ReadResponseAsync();

        Assert.Equal(paced.Body.ToArray(), first.Body);
        Assert.Equal("next", second.BodyText);
        Assert.Equal(ResponseOutcome.Completed, await server.Requests[0].Outcome.WaitAsync(Http.HangGuard));
    }

    [Fact]
    public async Task Large_headers_are_recorded_whole()
    {
        string large = new('x', 100_000);
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("ok"));
        using var client = new HttpClient();
        using var request = Http.ChatRequest(server.ChatCompletionsUri);
        request.Headers.Add("X-Large", large);
        request.Headers.Add("X-Many", Enumerable.Range(0, 300).Select(i => $"value-{i}"));

        using var response = await client.SendAsync(request).WaitAsync(Http.HangGuard);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var recorded = await server.WaitForRequestAsync(0);
        Assert.Equal(large, recorded.Header("X-Large"));
        Assert.Equal(string.Join(", ", Enumerable.Range(0, 300).Select(i => $"value-{i}")), recorded.Header("X-Many"));
    }

    [Fact]
    public async Task Repeated_header_lines_are_joined_with_commas()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("ok"));
        using var raw = await RawHttp.ConnectAsync(server);

        await raw.SendAsync(RawHttp.Post("{}", "X-Tag: one\r\nx-tag: two\r\n"));
        await raw.ReadResponseAsync();

        Assert.Equal("one,two", (await server.WaitForRequestAsync(0)).Header("X-Tag"));
    }

    [Fact]
    public async Task The_path_is_percent_decoded_except_slashes_with_dot_segments_removed_and_the_query_kept_raw()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("ok"));
        using var raw = await RawHttp.ConnectAsync(server);

        await raw.SendAsync("POST /v1beta/models/old%20one/../gemini%2Fpro:streamGenerateContent?alt=sse&q=%20 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");
        var response = await raw.ReadResponseAsync();

        var recorded = await server.WaitForRequestAsync(0);
        Assert.Equal(200, response.Status);
        Assert.Equal("/v1beta/models/gemini%2Fpro:streamGenerateContent", recorded.Path);
        Assert.Equal("?alt=sse&q=%20", recorded.QueryString);
    }

    [Fact]
    public async Task An_absolute_form_target_as_sent_to_a_proxy_is_served_by_its_path()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("ok"));
        using var raw = await RawHttp.ConnectAsync(server);

        await raw.SendAsync($"POST http://api.example.com/v1/chat/completions?x=1 HTTP/1.1\r\nHost: api.example.com\r\nContent-Length: 2\r\n\r\n{{}}");
        var response = await raw.ReadResponseAsync();

        var recorded = await server.WaitForRequestAsync(0);
        Assert.Equal("ok", response.BodyText);
        Assert.Equal("/v1/chat/completions", recorded.Path);
        Assert.Equal("?x=1", recorded.QueryString);
    }

    [Fact]
    public async Task An_HTTP_1_0_client_gets_the_body_unchunked_ending_with_the_connection()
    {
        var stream = ReplayResponse.FromChunks("""{"a":1}""", """{"a":2}""");
        await using var server = await ReplayServer.StartAsync(stream);
        using var raw = await RawHttp.ConnectAsync(server);

        await raw.SendAsync("POST /v1/chat/completions HTTP/1.0\r\nContent-Length: 2\r\n\r\n{}");
        var response = await raw.ReadResponseAsync();

        Assert.Equal(200, response.Status);
        Assert.False(response.Headers.ContainsKey("Transfer-Encoding"));
        Assert.Equal("close", response.Headers["Connection"]);
        Assert.Equal(stream.Body.ToArray(), response.Body);
        Assert.Equal(ResponseOutcome.Completed, await server.Requests[0].Outcome.WaitAsync(Http.HangGuard));
    }

    [Fact]
    public async Task A_request_asking_to_close_gets_its_response_then_the_connection_closes()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("ok"), ReplayResponse.FromText("unused"));
        using var raw = await RawHttp.ConnectAsync(server);

        await raw.SendAsync(RawHttp.Post("{}", "Connection: close\r\n"));
        var response = await raw.ReadResponseAsync();

        Assert.Equal("ok", response.BodyText);
        Assert.Equal("close", response.Headers["Connection"]);
        Assert.True(await raw.ClosedByServerAsync());
    }

    /// <summary>Content whose length is not known in advance, written in pieces: HttpClient sends it chunked.</summary>
    private sealed class UnknownLengthContent(params string[] pieces) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            foreach (string piece in pieces)
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(piece));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
