using ReasonStream.Testing;

namespace ReasonStream.Tests.Testing;

/// <summary><see cref="ReplayGate"/>: a response held at a point of its body until the test releases it, awaited, never slept on.</summary>
public sealed class HoldTests
{
    private static readonly ReplayResponse Reply = new ScriptedReply(WireProtocol.ChatCompletions)
        .Reasoning("Let me ", "think.")
        .Answer("Four.")
        .ToResponse();

    private static int EndOfEvent(int eventCount) => Integration.Replay.AfterEvent(Reply, eventCount);

    [Fact]
    public async Task A_held_response_sends_the_events_before_the_hold_and_the_rest_only_after_the_release()
    {
        var gate = new ReplayGate();
        await using var server = await ReplayServer.StartAsync(Reply.HeldAfterEvents(2, gate));
        using var client = new HttpClient();

        Assert.False(gate.Reached.IsCompleted);
        using var response = await Http.PostAsync(client, server.ChatCompletionsUri);
        await using var stream = await response.Content.ReadAsStreamAsync();
        await gate.Reached.WaitAsync(Http.HangGuard);
        var before = await Http.ReadExactlyAsync(stream, EndOfEvent(2));
        // Nothing past the hold has come: the next byte is still awaited (bytes sent with the rest would be here already).
        var firstAfter = new byte[1];
        var next = stream.ReadAsync(firstAfter).AsTask();
        bool moreWhileHeld = next.IsCompleted;
        bool endedWhileHeld = server.Requests[0].Outcome.IsCompleted;
        gate.Release();
        Assert.Equal(1, await next.WaitAsync(Http.HangGuard));
        var rest = new MemoryStream();
        rest.Write(firstAfter);
        await stream.CopyToAsync(rest).WaitAsync(Http.HangGuard);

        Assert.Equal(Reply.Body[..EndOfEvent(2)].ToArray(), before);
        Assert.False(moreWhileHeld);
        Assert.False(endedWhileHeld);
        Assert.Equal(Reply.Body[EndOfEvent(2)..].ToArray(), rest.ToArray());
        Assert.True(gate.IsReleased);
        Assert.Equal(ResponseOutcome.Completed, await server.Requests[0].Outcome.WaitAsync(Http.HangGuard));
    }

    [Fact]
    public async Task A_hold_at_byte_zero_sends_the_headers_and_no_body_until_released()
    {
        var gate = new ReplayGate();
        await using var server = await ReplayServer.StartAsync(Reply.HeldAfterBytes(0, gate));
        using var client = new HttpClient();

        using var response = await Http.PostAsync(client, server.ChatCompletionsUri);
        await gate.Reached.WaitAsync(Http.HangGuard);
        var read = (await response.Content.ReadAsStreamAsync()).ReadAsync(new byte[1]).AsTask();
        bool readEndedWhileHeld = read.IsCompleted;
        gate.Release();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.False(readEndedWhileHeld);
        Assert.Equal(1, await read.WaitAsync(Http.HangGuard));
    }

    [Fact]
    public async Task A_hold_past_an_abort_cut_holds_at_the_cut_and_aborts_after_the_release()
    {
        var gate = new ReplayGate();
        await using var server = await ReplayServer.StartAsync(Reply.HeldAfterBytes(100_000, gate) with { AbortAfterBytes = 10 });
        using var client = new HttpClient();

        using var response = await Http.PostAsync(client, server.ChatCompletionsUri);
        await using var stream = await response.Content.ReadAsStreamAsync();
        await gate.Reached.WaitAsync(Http.HangGuard);
        var before = await Http.ReadExactlyAsync(stream, 10);
        gate.Release();

        Assert.Equal(Reply.Body[..10].ToArray(), before);
        await Assert.ThrowsAnyAsync<IOException>(() => stream.ReadAsync(new byte[1]).AsTask().WaitAsync(Http.HangGuard));
        Assert.Equal(ResponseOutcome.AbortedByFault, await server.Requests[0].Outcome.WaitAsync(Http.HangGuard));
    }

    [Fact]
    public async Task A_released_gate_lets_every_later_response_through_without_stopping()
    {
        var gate = new ReplayGate();
        gate.Release();
        await using var server = await ReplayServer.StartAsync(Reply.HeldAfterEvents(1, gate), Reply.HeldAfterEvents(3, gate));
        using var client = new HttpClient();

        foreach (int _ in new[] { 0, 1 })
        {
            using var response = await Http.PostAsync(client, server.ChatCompletionsUri);
            Assert.Equal(Reply.Body.ToArray(), await response.Content.ReadAsByteArrayAsync().WaitAsync(Http.HangGuard));
        }

        Assert.True(gate.Reached.IsCompleted);
    }

    [Fact]
    public async Task Disposing_the_server_ends_a_held_response_as_server_stopped()
    {
        var gate = new ReplayGate();
        var server = await ReplayServer.StartAsync(Reply.HeldAfterEvents(1, gate));
        using var client = new HttpClient();
        using var response = await Http.PostAsync(client, server.ChatCompletionsUri);
        await gate.Reached.WaitAsync(Http.HangGuard);
        var request = server.Requests[0];

        await server.DisposeAsync().AsTask().WaitAsync(Http.HangGuard);

        Assert.Equal(ResponseOutcome.ServerStopped, await request.Outcome.WaitAsync(Http.HangGuard));
    }

    [Fact]
    public async Task A_client_that_leaves_during_the_hold_is_recorded_as_disconnected()
    {
        var gate = new ReplayGate();
        await using var server = await ReplayServer.StartAsync(Reply.HeldAfterEvents(1, gate));
        using (var client = new HttpClient())
        {
            using var response = await Http.PostAsync(client, server.ChatCompletionsUri);
            await gate.Reached.WaitAsync(Http.HangGuard);
        }

        Assert.Equal(ResponseOutcome.ClientDisconnected, await server.Requests[0].Outcome.WaitAsync(Http.HangGuard));
    }

    [Fact]
    public void Holding_after_more_events_than_the_body_has_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Reply.HeldAfterEvents(100, new ReplayGate()));

        Assert.Contains("only", error.Message, StringComparison.Ordinal);
    }
}
