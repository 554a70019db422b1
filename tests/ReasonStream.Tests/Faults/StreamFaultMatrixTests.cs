using System.Text;
using ReasonStream.Testing;
using ReasonStream.Tests.Integration;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Faults;

/// <summary>
/// The fault matrix, stream half: connections that drop before the headers, mid-event, mid-character and after the
/// finish; streams that stall with and without keep-alives; compressed and oddly encoded bodies. Over real HTTP.
/// </summary>
public sealed class StreamFaultMatrixTests
{
    /// <summary>
    /// Reasoning, then an answer with two-, three- and four-byte characters (sent as raw UTF-8, as providers do, so bytes
    /// can be cut mid-character), then the finish with usage. Events: 1 opening, 2–3 reasoning, 4–5 answer, 6 finish, 7 [DONE].
    /// </summary>
    private static ReplayResponse Stream() => new ScriptedReply(WireProtocol.ChatCompletions, "deepseek-flash")
        .Reasoning("First, ", "think.")
        .Answer("Café ", "思考 🎉")
        .Usage(prompt: 5, completion: 7)
        .ToResponse();

    private static int After(ReplayResponse response, int events) => Replay.AfterEvent(response, events);

    private static async Task<ReasonStreamException> Fails(ReplayResponse response, Action<ReasoningClientOptions>? configure = null)
    {
        await using var server = await ReplayServer.StartAsync([response], new ReplayServerOptions { WhenScriptExhausted = ExhaustedScriptBehavior.RepeatLastResponse });
        using var client = Replay.Client(server, configure);
        return await Assert.ThrowsAnyAsync<ReasonStreamException>(() => client.StreamAsync(Updates.Ask()).ToResultAsync().WaitAsync(TimeSpan.FromSeconds(60)));
    }

    private static async Task<ChatResult> Succeeds(ReplayResponse response)
    {
        await using var server = await ReplayServer.StartAsync(response);
        using var client = Replay.Client(server);
        return await client.StreamAsync(Updates.Ask()).ToResultAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_drop_before_the_headers_is_a_connection_failure_after_the_retries()
    {
        var error = await Fails(Stream() with { AbortBeforeHeaders = true });

        Assert.IsType<ConnectionFailedException>(error);
        Assert.Equal(3, error.Attempts);
        Assert.Null(error.PartialResult);
    }

    [Fact]
    public async Task A_drop_mid_event_keeps_every_whole_event_before_it()
    {
        var stream = Stream();
        var error = await Fails(stream with { AbortAfterBytes = After(stream, 4) + 20 });

        Assert.IsType<StreamInterruptedException>(error);
        Assert.Equal(1, error.Attempts); // never retried once accepted
        Assert.Equal("First, think.", error.PartialResult?.Reasoning);
        Assert.Equal("Café ", error.PartialResult?.Answer);
    }

    [Fact]
    public async Task A_drop_in_the_middle_of_a_character_keeps_no_broken_character()
    {
        var stream = Stream();
        int secondAnswerPiece = After(stream, 4);
        int emoji = secondAnswerPiece + stream.Body.Span[secondAnswerPiece..].IndexOf("🎉"u8); // F0 9F 8E 89
        Assert.True(emoji > secondAnswerPiece);

        var error = await Fails(stream with { AbortAfterBytes = emoji + 2 });

        Assert.IsType<StreamInterruptedException>(error);
        Assert.DoesNotContain('\uFFFD', error.PartialResult?.Answer ?? "");
        Assert.Equal("Café ", error.PartialResult?.Answer);
    }

    [Fact]
    public async Task A_drop_after_the_finish_but_before_DONE_keeps_the_finish_reason()
    {
        var stream = Stream();
        ChatResult? result;
        try
        {
            result = await Succeeds(stream with { AbortAfterBytes = After(stream, 6) });
        }
        catch (ReasonStreamException e)
        {
            result = e.PartialResult;
        }

        Assert.Equal("stop", result?.FinishReason);
        Assert.Equal("Café 思考 🎉", result?.Answer);
    }

    [Fact]
    public async Task A_stall_without_keep_alives_is_a_stall_that_keeps_the_partial_output()
    {
        var stream = Stream();
        var error = await Fails(stream with { StallAfterBytes = After(stream, 4) }, o => o.StallTimeout = TimeSpan.FromMilliseconds(300));

        Assert.IsType<StreamStalledException>(error);
        Assert.Equal("Café ", error.PartialResult?.Answer);
    }

    [Fact]
    public async Task A_stall_with_keep_alive_comments_is_still_a_stall()
    {
        var stream = Stream();
        var error = await Fails(stream with { StallAfterBytes = After(stream, 4), KeepAliveInterval = TimeSpan.FromMilliseconds(30) },
            o => o.StallTimeout = TimeSpan.FromMilliseconds(300));

        Assert.IsType<StreamStalledException>(error);
        Assert.Contains("the connection stayed open", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stall_with_data_events_that_carry_no_text_is_still_a_stall()
    {
        var stream = Stream();
        var error = await Fails(stream with
        {
            StallAfterBytes = After(stream, 4),
            KeepAliveInterval = TimeSpan.FromMilliseconds(30),
            KeepAliveComment = "data: {\"choices\":[]}\n\n",
        }, o => o.StallTimeout = TimeSpan.FromMilliseconds(300));

        Assert.IsType<StreamStalledException>(error);
        Assert.Equal("Café ", error.PartialResult?.Answer);
    }

    [Fact]
    public async Task A_100_MB_data_line_is_a_protocol_error_naming_the_limit()
    {
        var line = new StringBuilder("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"").Append('a', 100 * 1024 * 1024).Append("\"}}]}\n\n");
        var error = await Fails(ReplayResponse.FromText(line.ToString()) with { WriteSplit = WriteSplit.WholeBody });

        Assert.IsType<StreamProtocolException>(error);
        Assert.Contains("MaxEventSize", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("x-gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public async Task A_compressed_stream_is_decoded(string encoding)
    {
        var plain = await Succeeds(Stream());

        var decoded = await Succeeds(Stream().Encoded(encoding));

        Assert.Equal("First, think.", decoded.Reasoning);
        Assert.Equal("Café 思考 🎉", decoded.Answer);
        Assert.Equal(plain.Answer, decoded.Answer);
        Assert.Equal("stop", decoded.FinishReason);
    }

    [Fact]
    public async Task An_unknown_content_encoding_is_a_protocol_error_naming_it()
    {
        var error = await Fails(Stream().Encoded("zstd"));

        Assert.IsType<StreamProtocolException>(error);
        Assert.Contains("zstd", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task An_empty_success_body_is_an_interrupted_stream()
    {
        var error = await Fails(ReplayResponse.FromText(""));

        Assert.IsType<StreamInterruptedException>(error);
    }
}
