using System.Text;
using ReasonStream.Testing;

namespace ReasonStream.Tests.Testing;

public sealed class FaultTests
{
    private static readonly TimeSpan Forever = TimeSpan.FromHours(1);
    private static readonly byte[] KeepAlive = Encoding.UTF8.GetBytes(ReplayResponse.DefaultKeepAliveComment);

    private static ReplayResponse Capture => ReplayResponse.FromSseFile(Captures.PathOf("deepseek-reasoner-01.sse"));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(1234)]
    public async Task Abort_after_n_bytes_gives_exactly_n_bytes_then_an_IOException(int byteCount)
    {
        await using var server = await ReplayServer.StartAsync(Capture with { AbortAfterBytes = byteCount });
        using var client = new HttpClient();
        using var response = await Http.PostAsync(client, server.ChatCompletionsUri);
        await using var stream = await response.Content.ReadAsStreamAsync();

        var received = new MemoryStream();
        await Assert.ThrowsAnyAsync<IOException>(async () =>
        {
            var buffer = new byte[8192];
            int count;
            while ((count = await stream.ReadAsync(buffer).AsTask().WaitAsync(Http.HangGuard)) > 0) received.Write(buffer, 0, count);
        });

        Assert.Equal(Capture.Body[..byteCount].ToArray(), received.ToArray());
        Assert.Equal(ResponseOutcome.AbortedByFault, await server.Requests[0].Outcome.WaitAsync(Http.HangGuard));
    }

    [Fact]
    public async Task Abort_loses_no_bytes_when_the_client_reads_only_after_the_server_has_finished()
    {
        var large = ReplayResponse.FromSseFile(Captures.PathOf("groq-reasoning-format-raw-think-tags-01.sse"));
        await using var server = await ReplayServer.StartAsync(large with { AbortAfterBytes = 250_000 });
        using var client = new HttpClient();
        using var response = await Http.PostAsync(client, server.ChatCompletionsUri);
        await using var stream = await response.Content.ReadAsStreamAsync();

        // Most of the body now sits in socket buffers, unread, when the server ends the connection.
        Assert.Equal(ResponseOutcome.AbortedByFault, await server.Requests[0].Outcome.WaitAsync(Http.HangGuard));
        var received = new MemoryStream();
        await Assert.ThrowsAnyAsync<IOException>(() => stream.CopyToAsync(received).WaitAsync(Http.HangGuard));

        Assert.Equal(large.Body[..250_000].ToArray(), received.ToArray());
    }

    [Fact]
    public async Task Abort_after_the_whole_body_still_ends_without_a_clean_end()
    {
        var response = ReplayResponse.FromChunks("{}") with { AbortAfterBytes = int.MaxValue };
        await using var server = await ReplayServer.StartAsync(response);
        using var client = new HttpClient();
        using var message = await Http.PostAsync(client, server.ChatCompletionsUri);

        await Assert.ThrowsAnyAsync<IOException>(() => Http.ReadEachReadAsync(message));
    }

    [Fact]
    public async Task Stall_after_n_bytes_keeps_the_connection_open_until_the_client_leaves()
    {
        await using var server = await ReplayServer.StartAsync(Capture with { StallAfterBytes = 700 });
        using var client = new HttpClient();
        var message = await Http.PostAsync(client, server.ChatCompletionsUri);
        var stream = await message.Content.ReadAsStreamAsync();

        var first = await Http.ReadExactlyAsync(stream, 700);
        var next = stream.ReadAsync(new byte[1024]).AsTask();
        var finishedFirst = await Task.WhenAny(next, Task.Delay(TimeSpan.FromMilliseconds(300)));

        Assert.Equal(Capture.Body[..700].ToArray(), first);
        Assert.NotSame(next, finishedFirst);
        Assert.False(server.Requests[0].Outcome.IsCompleted);

        message.Dispose();
        await Assert.ThrowsAnyAsync<Exception>(() => next.WaitAsync(Http.HangGuard));
        Assert.Equal(ResponseOutcome.ClientDisconnected, await server.Requests[0].Outcome.WaitAsync(Http.HangGuard));
    }

    [Fact]
    public async Task Client_cancelling_a_pending_read_closes_the_connection_and_the_server_sees_it()
    {
        await using var server = await ReplayServer.StartAsync(Capture with { StallAfterBytes = 500 });
        using var client = new HttpClient();
        using var cancel = new CancellationTokenSource();
        using var message = await Http.PostAsync(client, server.ChatCompletionsUri);
        var stream = await message.Content.ReadAsStreamAsync();
        await Http.ReadExactlyAsync(stream, 500);

        var pending = stream.ReadAsync(new byte[1024], cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(Http.HangGuard));
        Assert.Equal(ResponseOutcome.ClientDisconnected, await server.Requests[0].Outcome.WaitAsync(Http.HangGuard));
    }

    [Fact]
    public async Task Keep_alives_are_sent_before_the_first_event_during_the_body_delay()
    {
        var response = ReplayResponse.FromChunks("""{"a":1}""") with
        {
            DelayBeforeBody = TimeSpan.FromMilliseconds(250),
            KeepAliveInterval = TimeSpan.FromMilliseconds(50),
        };
        await using var server = await ReplayServer.StartAsync(response);
        using var client = new HttpClient();
        using var message = await Http.PostAsync(client, server.ChatCompletionsUri);

        var body = Encoding.UTF8.GetString(Http.Concat(await Http.ReadEachReadAsync(message)));

        // Keep-alives at 50, 100, 150 and 200 ms: every multiple of the interval inside the delay.
        Assert.Equal(string.Concat(Enumerable.Repeat(": keep-alive\n\n", 4)) + "data: {\"a\":1}\n\ndata: [DONE]\n\n", body);
    }

    [Fact]
    public async Task Keep_alives_continue_while_stalled()
    {
        var response = Capture with { StallAfterBytes = 300, KeepAliveInterval = TimeSpan.FromMilliseconds(20), KeepAliveComment = ": ping\n\n" };
        await using var server = await ReplayServer.StartAsync(response);
        using var client = new HttpClient();
        using var message = await Http.PostAsync(client, server.ChatCompletionsUri);
        await using var stream = await message.Content.ReadAsStreamAsync();

        var received = await Http.ReadExactlyAsync(stream, 300 + (3 * ": ping\n\n".Length));

        Assert.Equal(Capture.Body[..300].ToArray(), received[..300]);
        Assert.Equal(": ping\n\n: ping\n\n: ping\n\n", Encoding.UTF8.GetString(received[300..]));
    }

    [Fact]
    public async Task Error_event_can_be_injected_after_n_events()
    {
        const string error = "event: error\ndata: {\"error\":{\"message\":\"boom\"}}\n\n";
        var response = ReplayResponse.FromChunks("""{"a":1}""", """{"a":2}""").InjectAfterEvents(1, error);
        var truncated = ReplayResponse.FromChunks("""{"a":1}""", """{"a":2}""").InjectAfterEvents(2, "data: {\"error\":{}}\n\n", dropRest: true);
        await using var server = await ReplayServer.StartAsync(response, truncated);
        using var client = new HttpClient();

        var injected = await (await client.SendAsync(Http.ChatRequest(server.ChatCompletionsUri))).Content.ReadAsStringAsync();
        var ended = await (await client.SendAsync(Http.ChatRequest(server.ChatCompletionsUri))).Content.ReadAsStringAsync();

        Assert.Equal("data: {\"a\":1}\n\n" + error + "data: {\"a\":2}\n\ndata: [DONE]\n\n", injected);
        Assert.Equal("data: {\"a\":1}\n\ndata: {\"a\":2}\n\ndata: {\"error\":{}}\n\n", ended);
    }

    [Fact]
    public void Injecting_past_the_last_event_is_rejected()
    {
        var response = ReplayResponse.FromChunks("{}");

        Assert.Throws<ArgumentOutOfRangeException>(() => response.InjectAfterEvents(3, "data: x\n\n"));
    }

    [Fact]
    public async Task Delay_before_headers_leaves_the_client_waiting_for_a_response()
    {
        await using var server = await ReplayServer.StartAsync(Capture with { DelayBeforeHeaders = Forever });
        using var client = new HttpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.SendAsync(Http.ChatRequest(server.ChatCompletionsUri), HttpCompletionOption.ResponseHeadersRead, timeout.Token).WaitAsync(Http.HangGuard));

        var recorded = await server.WaitForRequestAsync(0);
        Assert.Equal(ResponseOutcome.ClientDisconnected, await recorded.Outcome.WaitAsync(Http.HangGuard));
    }

    [Fact]
    public async Task Disposing_the_server_while_a_response_is_stalled_returns_promptly_and_aborts_it()
    {
        var server = await ReplayServer.StartAsync(Capture with { StallAfterBytes = 100, KeepAliveInterval = TimeSpan.FromMilliseconds(20) });
        using var client = new HttpClient();
        using var message = await Http.PostAsync(client, server.ChatCompletionsUri);
        await using var stream = await message.Content.ReadAsStreamAsync();
        await Http.ReadExactlyAsync(stream, 100);

        await server.DisposeAsync().AsTask().WaitAsync(Http.HangGuard);

        Assert.Equal(ResponseOutcome.ServerStopped, await server.Requests[0].Outcome.WaitAsync(Http.HangGuard));
        await Assert.ThrowsAnyAsync<IOException>(async () =>
        {
            var buffer = new byte[1024];
            while (await stream.ReadAsync(buffer).AsTask().WaitAsync(Http.HangGuard) > 0)
            {
                // Drain keep-alives sent before the abort.
            }
        });
    }

    [Fact]
    public async Task Disposing_the_server_while_headers_are_delayed_returns_promptly()
    {
        var server = await ReplayServer.StartAsync(Capture with { DelayBeforeHeaders = Forever });
        using var client = new HttpClient();
        var sending = client.SendAsync(Http.ChatRequest(server.ChatCompletionsUri), HttpCompletionOption.ResponseHeadersRead);
        var recorded = await server.WaitForRequestAsync(0);

        await server.DisposeAsync().AsTask().WaitAsync(Http.HangGuard);

        Assert.Equal(ResponseOutcome.ServerStopped, await recorded.Outcome.WaitAsync(Http.HangGuard));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => sending.WaitAsync(Http.HangGuard));
    }
}
