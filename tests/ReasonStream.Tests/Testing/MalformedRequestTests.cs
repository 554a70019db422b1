using System.Text;
using ReasonStream.Testing;

namespace ReasonStream.Tests.Testing;

/// <summary>
/// A request the server cannot read gets the status HTTP prescribes and a one-line reason, then the connection
/// closes; it is not recorded and uses up nothing of the script.
/// </summary>
public sealed class MalformedRequestTests
{
    public static TheoryData<string, int> Malformed => new()
    {
        { "GARBAGE\r\n\r\n", 400 },
        { "POST /v1/chat/completions\r\nHost: x\r\n\r\n", 400 },
        { "POST /v1/chat/completions HTTP/1.1\r\nContent-Length: 0\r\n\r\n", 400 }, // no Host
        { "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 400 },
        { "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n", 400 },
        { "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nX-Name : value\r\n\r\n", 400 },
        { "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nX-Folded: one\r\n two\r\n\r\n", 400 },
        { "POST v1/chat/completions HTTP/1.1\r\nHost: x\r\n\r\n", 400 },
        { "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n", 400 },
        { "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400 },
        { "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", 400 },
        { "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400 },
        { "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}}\r\n0\r\n\r\n", 400 },
        { "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 400 },
        { "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501 },
        { "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 40000000\r\n\r\n", 413 },
        { "POST /v1/chat/completions HTTP/2.0\r\nHost: x\r\n\r\n", 505 },
        { "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505 }, // HTTP/2 with prior knowledge
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_request_gets_its_status_and_the_connection_closes_without_using_the_script(string request, int status)
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("scripted"));
        using (var raw = await RawHttp.ConnectAsync(server))
        {
            await raw.SendAsync(request);
            var response = await raw.ReadResponseAsync();

            Assert.Equal(status, response.Status);
            Assert.Equal("close", response.Headers["Connection"]);
            Assert.StartsWith("text/plain", response.Headers["Content-Type"]);
            Assert.NotEmpty(response.BodyText.Trim());
            Assert.True(await raw.ClosedByServerAsync());
        }

        using var client = new HttpClient();
        using var served = await client.SendAsync(Http.ChatRequest(server.ChatCompletionsUri)).WaitAsync(Http.HangGuard);
        Assert.Equal("scripted", await served.Content.ReadAsStringAsync());
        Assert.Equal(0, Assert.Single(server.Requests).ScriptIndex);
    }

    [Fact]
    public async Task Headers_beyond_the_limit_get_431()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("ok"));
        using var raw = await RawHttp.ConnectAsync(server);

        await raw.SendAsync(RawHttp.Post("{}", $"X-Huge: {new string('x', 300_000)}\r\n"));
        var response = await raw.ReadResponseAsync();

        Assert.Equal(431, response.Status);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_reason_reads_as_one_line_even_when_the_request_holds_control_characters()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("ok"));
        using var raw = await RawHttp.ConnectAsync(server);

        await raw.SendAsync(Encoding.Latin1.GetBytes("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nX-\u001b[31mRed: 1\r\n\r\n"));
        var response = await raw.ReadResponseAsync();

        Assert.Equal(400, response.Status);
        Assert.DoesNotContain('\u001b', response.BodyText);
        Assert.Contains("\\x1b", response.BodyText);
        Assert.Single(response.BodyText.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task A_client_that_leaves_in_the_middle_of_a_request_is_not_recorded()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText("ok"));
        using (var raw = await RawHttp.ConnectAsync(server))
        {
            await raw.SendAsync("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"model\":");
        }

        using var client = new HttpClient();
        using var served = await client.SendAsync(Http.ChatRequest(server.ChatCompletionsUri)).WaitAsync(Http.HangGuard);

        Assert.Equal("ok", await served.Content.ReadAsStringAsync());
        Assert.Equal(0, Assert.Single(server.Requests).ScriptIndex);
    }
}
