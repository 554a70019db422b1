using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

public sealed class PlaybackTests
{
    [Fact]
    public async Task Demo_fast_streams_reasoning_and_answer_for_both_turns()
    {
        using var sandbox = new Sandbox();

        var result = await sandbox.RunAsync("demo", "--fast");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("demo: replaying a scripted DeepSeek stream (chat completions) on 127.0.0.1, no network, no key", result.Stderr);
        Assert.Contains("The user wants the reasoning behind Fermat's Last Theorem", result.Stderr);
        Assert.StartsWith("Fermat's Last Theorem says", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Almost certainly not.", result.Stdout);
        Assert.Contains("without its reasoning", result.Stderr);
        Assert.DoesNotContain('\u001b', result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task Replay_of_a_capture_shows_what_the_library_reads_from_it()
    {
        string capture = Repo.Capture("deepseek-reasoner-01.sse");
        Assert.True(File.Exists(capture), "captures missing: " + capture);
        var expected = await ReadWithLibrary(ReplayResponse.FromSseFile(capture));
        using var sandbox = new Sandbox();

        var result = await sandbox.RunAsync("replay", capture, "--fast", "--stats");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(expected.Answer + (expected.Answer.EndsWith('\n') ? "" : "\n"), result.Stdout);
        Assert.StartsWith(expected.Reasoning, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("usage: prompt", result.Stderr);
    }

    [Fact]
    public async Task Replay_of_a_chunks_jsonl_capture_works()
    {
        string capture = Repo.Capture("xai-grok-3-mini-chat-reasoning-01.chunks.jsonl");
        var expected = await ReadWithLibrary(ReplayResponse.FromChunksJsonl(capture));
        using var sandbox = new Sandbox();

        var result = await sandbox.RunAsync("replay", capture, "--speed", "50");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(expected.Answer.TrimEnd('\n') + "\n", result.Stdout);
    }

    [Fact]
    public async Task Record_saves_the_raw_stream_and_its_timing_and_replay_plays_it_back()
    {
        using var sandbox = new Sandbox().WithKey();
        var served = Streams.Known();
        await using var server = await ReplayServer.StartAsync(served);
        string file = Path.Combine(sandbox.Folder, "run.sse");

        var live = await sandbox.RunAsync(LiveServer.Args(server, "--record", file, "Q"));
        var replay = await sandbox.RunAsync("replay", file, "--speed", "20");

        Assert.True(live.ExitCode == 0, live.ToString());
        Assert.Equal(served.Body.ToArray(), File.ReadAllBytes(file));
        var timing = StreamTiming.Load(StreamTiming.SidecarPathFor(file));
        Assert.Equal(served.Body.Length, timing.Marks[^1].ByteOffset);
        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Equal(live.Stdout, replay.Stdout);
        Assert.StartsWith(Streams.Reasoning, replay.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_of_a_missing_file_is_a_usage_error()
    {
        using var sandbox = new Sandbox();

        var result = await sandbox.RunAsync("replay", Path.Combine(sandbox.Folder, "nope.sse"));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("No such file", result.Stderr);
    }

    private static async Task<ChatResult> ReadWithLibrary(ReplayResponse response)
    {
        await using var server = await ReplayServer.StartAsync(response);
        using var client = new ReasoningClient(new ReasoningClientOptions { BaseUri = server.BaseUri, Provider = new ProviderPreset("t", server.BaseUri.ToString()) { DefaultModel = "m" } });
        return await client.CompleteAsync(new ChatRequest("replay", [Message.User("x")]));
    }
}
