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
}
