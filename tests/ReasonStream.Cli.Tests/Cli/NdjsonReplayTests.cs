using ReasonStream.Cli.Tests.Support;

namespace ReasonStream.Cli.Tests.Cli;

public sealed class NdjsonReplayTests
{
    [Fact]
    public async Task Replay_of_an_ollama_native_ndjson_stream_reads_it_line_by_line()
    {
        using var sandbox = new Sandbox();
        string file = Path.Combine(sandbox.Folder, "ollama.ndjson");
        File.WriteAllText(file,
            "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\"Hmm.\"},\"done\":false}\n" +
            "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"Yes.\"},\"done\":false}\n" +
            "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":3,\"eval_count\":4}\n");

        var result = await sandbox.RunAsync("replay", file, "--fast");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Yes.\n", result.Stdout);
        Assert.StartsWith("Hmm.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_of_the_documented_ollama_midstream_error_keeps_the_partial_answer()
    {
        string capture = Repo.Capture("ollama-native-ndjson-midstream-error-DOCEXAMPLE-01.ndjson");
        Assert.True(File.Exists(capture), "captures missing: " + capture);
        using var sandbox = new Sandbox();
        var result = await sandbox.RunAsync("replay", capture, "--fast");
        Assert.Equal(7, result.ExitCode);
        Assert.Contains("an error was encountered while running the model", result.Stderr, StringComparison.Ordinal);
        Assert.StartsWith(" Yes.Ican", result.Stdout, StringComparison.Ordinal);
    }
}
