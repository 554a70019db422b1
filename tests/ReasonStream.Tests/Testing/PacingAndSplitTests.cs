using System.Diagnostics;
using ReasonStream.Testing;

namespace ReasonStream.Tests.Testing;

public sealed class PacingAndSplitTests
{
    private static ReplayResponse Capture => ReplayResponse.FromSseFile(Captures.PathOf("openai-chat-gpt-5-usage-01.sse"));

    [Fact]
    public async Task Split_every_n_bytes_reaches_the_client_as_several_reads()
    {
        var body = ReplayResponse.FromChunks("""{"a":"one"}""", """{"a":"two"}""");
        var response = body with { WriteSplit = WriteSplit.EveryBytes(7), Pacing = ReplayPacing.DelayBetweenWrites(TimeSpan.FromMilliseconds(15)) };
        await using var server = await ReplayServer.StartAsync(response);
        using var client = new HttpClient();
        using var message = await Http.PostAsync(client, server.ChatCompletionsUri);

        var reads = await Http.ReadEachReadAsync(message);

        Assert.True(reads.Count > 1, $"Expected several reads, got {reads.Count}.");
        Assert.Equal(body.Body.ToArray(), Http.Concat(reads));
    }

    [Fact]
    public async Task Each_write_is_flushed_on_its_own()
    {
        // The first write (20 bytes) must reach the client although the rest of the body never comes.
        var response = Capture with { WriteSplit = WriteSplit.AtOffsets(20), StallAfterBytes = 50, Pacing = ReplayPacing.DelayBetweenWrites(Forever()) };
        await using var server = await ReplayServer.StartAsync(response);
        using var client = new HttpClient();
        using var message = await Http.PostAsync(client, server.ChatCompletionsUri);
        await using var stream = await message.Content.ReadAsStreamAsync();

        var first = await Http.ReadExactlyAsync(stream, 20);

        Assert.Equal(Capture.Body[..20].ToArray(), first);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    public async Task Random_split_serves_the_same_bytes(int seed)
    {
        await using var server = await ReplayServer.StartAsync(Capture with { WriteSplit = WriteSplit.Random(seed, maxWriteSize: 16) });
        using var client = new HttpClient();
        using var message = await Http.PostAsync(client, server.ChatCompletionsUri);

        Assert.Equal(Capture.Body.ToArray(), Http.Concat(await Http.ReadEachReadAsync(message)));
    }

    [Fact]
    public async Task Fixed_delay_between_events_preserves_order_and_paces()
    {
        var payloads = Enumerable.Range(1, 5).Select(i => $$"""{"n":{{i}}}""").ToArray();
        var delay = TimeSpan.FromMilliseconds(40);
        var response = ReplayResponse.FromChunks(payloads) with { Pacing = ReplayPacing.DelayBetweenEvents(delay) };
        await using var server = await ReplayServer.StartAsync(response);
        using var client = new HttpClient();

        var clock = Stopwatch.StartNew();
        using var message = await Http.PostAsync(client, server.ChatCompletionsUri);
        var body = System.Text.Encoding.UTF8.GetString(Http.Concat(await Http.ReadEachReadAsync(message)));
        clock.Stop();

        Assert.Equal(string.Concat(payloads.Select(p => $"data: {p}\n\n")) + "data: [DONE]\n\n", body);
        // Five gaps are scheduled; a lower bound only (the server cannot be early), with slack for timer granularity.
        Assert.True(clock.Elapsed >= delay * 4, $"Took {clock.Elapsed}; pacing should take about {delay * 5}.");
    }

    [Fact]
    public async Task Recorded_timing_from_a_sidecar_replays_the_same_bytes()
    {
        var directory = Directory.CreateTempSubdirectory("replay-timing-");
        try
        {
            var bodyPath = Path.Combine(directory.FullName, "stream.sse");
            var body = Capture.Body.ToArray();
            await File.WriteAllBytesAsync(bodyPath, body);
            new StreamTiming([new(100, TimeSpan.FromMilliseconds(10)), new(body.Length / 2, TimeSpan.FromMilliseconds(40)), new(body.Length, TimeSpan.FromMilliseconds(80))])
                .Save(StreamTiming.SidecarPathFor(bodyPath));

            var response = ReplayResponse.FromSseFile(bodyPath) with
            {
                Pacing = ReplayPacing.RecordedFromSidecar(bodyPath) with { SpeedFactor = 2 },
                WriteSplit = WriteSplit.WholeBody,
            };
            await using var server = await ReplayServer.StartAsync(response);
            using var client = new HttpClient();
            using var message = await Http.PostAsync(client, server.ChatCompletionsUri);

            Assert.Equal(body, Http.Concat(await Http.ReadEachReadAsync(message)));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Speed_factor_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplayPacing.FullSpeed with { SpeedFactor = 0 });
    }

    private static TimeSpan Forever() => TimeSpan.FromHours(1);
}
