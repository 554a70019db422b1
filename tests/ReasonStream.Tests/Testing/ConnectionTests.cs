using System.Text;
using ReasonStream.Testing;

namespace ReasonStream.Tests.Testing;

/// <summary>Connections: kept alive between complete responses, watched for a client that leaves, closed when the server stops.</summary>
public sealed class ConnectionTests
{
    private static ReplayResponse Capture => ReplayResponse.FromSseFile(Captures.PathOf("deepseek-reasoner-01.sse"));

    [Fact]
    public async Task Requests_on_one_connection_share_its_id_and_a_new_connection_gets_a_new_one()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("a"), ReplayResponse.FromText("b"), ReplayResponse.FromText("c"));
        using (var first = await RawHttp.ConnectAsync(server))
        {
            await first.SendAsync(RawHttp.Post("{}"));
            await first.ReadResponseAsync();
            await first.SendAsync(RawHttp.Post("{}"));
            await first.ReadResponseAsync();
        }

        using var second = await RawHttp.ConnectAsync(server);
        await second.SendAsync(RawHttp.Post("{}"));
        await second.ReadResponseAsync();

        var ids = server.Requests.Select(request => request.ConnectionId).ToArray();
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[1], ids[2]);
        Assert.All(ids, id => Assert.False(string.IsNullOrEmpty(id)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_client_that_leaves_while_the_server_is_writing_is_recorded_as_disconnected(bool reset)
    {
        // Paced, so the server is still writing when the client goes: its end of sending (FIN, which ends the exchange
        // as it did under Kestrel) and a reset (RST, a killed client) are both seen.
        var paced = Capture with { WriteSplit = WriteSplit.EveryBytes(50), Pacing = ReplayPacing.DelayBetweenWrites(TimeSpan.FromMilliseconds(10)) };
        await using var server = await ReplayServer.StartAsync(paced);
        using var raw = await RawHttp.ConnectAsync(server);
        await raw.SendAsync(RawHttp.Post("{}"));
        await server.WaitForRequestAsync(0);

        if (reset) raw.Reset();
        else raw.ShutdownSend();

        Assert.Equal(ResponseOutcome.ClientDisconnected, await server.Requests[0].Outcome.WaitAsync(Http.HangGuard));
    }

    [Fact]
    public async Task A_client_that_leaves_during_the_delay_before_the_body_is_recorded_as_disconnected()
    {
        await using var server = await ReplayServer.StartAsync(Capture with { DelayBeforeBody = TimeSpan.FromHours(1) });
        using var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 });
        var message = await Http.PostAsync(client, server.ChatCompletionsUri);

        message.Dispose();

        Assert.Equal(ResponseOutcome.ClientDisconnected, await server.Requests[0].Outcome.WaitAsync(Http.HangGuard));
    }

    [Fact]
    public async Task Disposing_the_server_closes_idle_connections()
    {
        var server = await ReplayServer.StartAsync(ReplayResponse.FromText("ok"));
        using var raw = await RawHttp.ConnectAsync(server);
        await raw.SendAsync(RawHttp.Post("{}"));
        await raw.ReadResponseAsync();

        await server.DisposeAsync().AsTask().WaitAsync(Http.HangGuard);

        Assert.True(await raw.ClosedByServerAsync());
    }

    [Fact]
    public async Task A_connection_opened_but_never_used_does_not_hold_up_disposal()
    {
        var server = await ReplayServer.StartAsync(ReplayResponse.FromText("ok"));
        using var raw = await RawHttp.ConnectAsync(server);
        await raw.SendAsync("POST /v1/chat/comp"); // half a request line, then nothing

        await server.DisposeAsync().AsTask().WaitAsync(Http.HangGuard);

        Assert.True(await raw.ClosedByServerAsync());
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Clients_that_reset_before_sending_a_byte_leave_the_server_accepting_and_unrecorded()
    {
        // A reset connection can still be waiting in the listen queue when the server takes it; setting it up can then
        // fail (macOS refuses socket options on it). The server must drop it and keep accepting.
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("ok"));
        for (int i = 0; i < 50; i++)
        {
            var gone = await RawHttp.ConnectAsync(server);
            gone.Reset();
        }

        using var raw = await RawHttp.ConnectAsync(server);
        await raw.SendAsync(RawHttp.Post("{}"));
        var response = await raw.ReadResponseAsync();

        Assert.Equal(200, response.Status);
        Assert.Equal("ok", response.BodyText);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Abort_after_bytes_ends_with_an_orderly_close_after_exactly_those_bytes()
    {
        var response = ReplayResponse.FromText("0123456789") with { WriteSplit = WriteSplit.WholeBody, AbortAfterBytes = 4 };
        await using var server = await ReplayServer.StartAsync(response);
        using var raw = await RawHttp.ConnectAsync(server);

        await raw.SendAsync(RawHttp.Post("{}"));
        var error = await Assert.ThrowsAsync<IOException>(() => raw.ReadResponseAsync());

        // The chunk of 4 bytes arrived, then the end of the connection instead of the last chunk.
        Assert.Contains("closed", error.Message);
        Assert.Equal(ResponseOutcome.AbortedByFault, await server.Requests[0].Outcome.WaitAsync(Http.HangGuard));
    }

    [Fact]
    public async Task Abort_before_headers_closes_without_a_byte()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("never") with { AbortBeforeHeaders = true });
        using var raw = await RawHttp.ConnectAsync(server);

        await raw.SendAsync(RawHttp.Post("{}"));

        Assert.True(await raw.ClosedByServerAsync());
        Assert.Equal(ResponseOutcome.AbortedByFault, await server.Requests[0].Outcome.WaitAsync(Http.HangGuard));
    }

    [Fact]
    public async Task A_stream_with_many_requests_on_many_connections_serves_each_its_own_response()
    {
        const int count = 20;
        var script = Enumerable.Range(0, count).Select(i => ReplayResponse.FromText($"reply {i}")).ToArray();
        await using var server = await ReplayServer.StartAsync(script);
        using var client = new HttpClient();

        var replies = await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            using var response = await client.SendAsync(Http.ChatRequest(server.ChatCompletionsUri)).WaitAsync(Http.HangGuard);
            return await response.Content.ReadAsStringAsync();
        }));

        Assert.Equal(script.Select(response => Encoding.UTF8.GetString(response.Body.Span)).Order(), replies.Order());
        Assert.Equal(Enumerable.Range(0, count), server.Requests.Select(request => request.ScriptIndex!.Value).Order());
    }
}
