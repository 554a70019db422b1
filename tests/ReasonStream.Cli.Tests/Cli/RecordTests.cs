using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary><c>--record FILE</c>: the file is opened before anything is sent, so a bad path costs no request.</summary>
public sealed class RecordTests
{
    [Theory]
    [InlineData("missing folder")]
    [InlineData("a directory")]
    public async Task Unwritable_record_path_is_a_usage_error_before_any_request(string scenario)
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Streams.Known());
        string path = scenario == "a directory" ? sandbox.Folder : Path.Combine(sandbox.Folder, "no-such-folder", "run.sse");

        var result = await sandbox.RunAsync(LiveServer.Args(server, "--record", path, "Q"));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Empty(server.Requests); // nothing sent, nothing billed
        Assert.Contains("error: Cannot write the recording to " + path, result.Stderr);
        Assert.DoesNotContain("network", result.Stderr);
        Assert.DoesNotContain("bug", result.Stderr);
        Assert.DoesNotContain("Exception", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Record_of_a_rejected_request_leaves_no_file()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(ReplayResponse.Error(401, """{"error":{"message":"bad key"}}"""));
        string path = Path.Combine(sandbox.Folder, "run.sse");

        var result = await sandbox.RunAsync(LiveServer.Args(server, "--record", path, "Q"));

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.False(File.Exists(path), "a failed request must not leave an empty recording");
        Assert.False(File.Exists(path + ".timing"));
    }

    [Fact]
    public async Task A_recording_that_cannot_be_written_costs_no_answer_and_is_reported_as_what_it_is()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Streams.Known());

        var result = await sandbox.RunAsync(LiveServer.Args(server, "--record", "/dev/full", "Q"));

        Assert.True(result.ExitCode == 8, result.ToString());
        Assert.Equal(Streams.Answer + "\n", result.Stdout);
        Assert.Contains("error: The recording is incomplete: cannot write /dev/full: No space left on device", result.Stderr);
        Assert.DoesNotContain("network", result.Stderr);
        Assert.DoesNotContain("dropped", result.Stderr);
        Assert.False(File.Exists("/dev/full.timing"));
    }

    [Fact]
    public async Task A_recording_never_holds_the_key_the_server_echoes()
    {
        using var sandbox = new Sandbox().WithKey();
        var stream = Streams.Known().InjectAfterEvents(2, ": your key is " + Sandbox.Key + "\n\n");
        await using var server = await ReplayServer.StartAsync(stream);
        string path = Path.Combine(sandbox.Folder, "run.sse");

        var result = await sandbox.RunAsync(LiveServer.Args(server, "--record", path, "Q"));

        Assert.True(result.ExitCode == 0, result.ToString());
        byte[] recorded = File.ReadAllBytes(path);
        Assert.Equal(stream.Body.Length, recorded.Length); // same length: the timing file's offsets stay true
        string text = System.Text.Encoding.UTF8.GetString(recorded);
        Assert.DoesNotContain(Sandbox.Key, text);
        Assert.Contains(": your key is " + new string('*', Sandbox.Key.Length) + "\n", text);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(stream.Body.Span).Replace(Sandbox.Key, new string('*', Sandbox.Key.Length), StringComparison.Ordinal), text);
    }
}

