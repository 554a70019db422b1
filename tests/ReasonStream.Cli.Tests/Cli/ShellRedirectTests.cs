using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary>
/// Output redirected the ways people redirect it, through a real shell: the program writes at the shared file offset
/// (write(2)), so nothing it writes overwrites what others wrote, or what it wrote to its other stream.
/// </summary>
public sealed class ShellRedirectTests
{
    private static string Args(ReplayServer server) => string.Join(' ', LiveServer.Args(server).Select(a => "'" + a + "'"));

    private static Task<ReplayServer> Serving(int answers) =>
        ReplayServer.StartAsync(Enumerable.Range(0, answers).Select(_ => Streams.Known()));

    [Fact]
    public async Task Output_between_other_commands_lands_between_them()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await Serving(1);

        var result = await sandbox.RunShellAsync($"(echo A; reason {Args(server)} q; echo B) > f 2>/dev/null");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("A\n" + Streams.Answer + "\nB\n", sandbox.ReadFile("f"));
    }

    [Fact]
    public async Task Answers_of_a_loop_follow_each_other()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await Serving(3);

        var result = await sandbox.RunShellAsync($"for q in one two three; do reason {Args(server)} \"$q\"; done > f 2>/dev/null");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Concat(Enumerable.Repeat(Streams.Answer + "\n", 3)), sandbox.ReadFile("f"));
    }

    [Fact]
    public async Task Both_streams_into_one_file_keep_their_order()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await Serving(1);

        var result = await sandbox.RunShellAsync($"reason {Args(server)} q > f 2>&1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Streams.Reasoning + "\n" + Streams.Answer + "\n", sandbox.ReadFile("f"));
    }

    [Fact]
    public async Task Recording_to_stdout_adds_the_stream_to_the_file_without_overwriting_the_answer()
    {
        using var sandbox = new Sandbox().WithKey();
        var stream = Streams.Known();
        await using var server = await ReplayServer.StartAsync(stream);

        var result = await sandbox.RunShellAsync($"reason {Args(server)} --record /dev/stdout q > f 2>/dev/null");

        Assert.True(result.ExitCode == 0, result.ToString());
        string file = sandbox.ReadFile("f");
        string body = System.Text.Encoding.UTF8.GetString(stream.Body.Span);
        Assert.Equal(body.Length + Streams.Answer.Length + 1, file.Length); // nothing overwritten, nothing lost
        Assert.StartsWith(body[..(body.IndexOf("\n\n", StringComparison.Ordinal) + 2)], file, StringComparison.Ordinal); // the first bytes came before any text
        Assert.Contains("data: [DONE]\n\n", file);
        Assert.Contains("日本語", file);
        Assert.Contains("🎉", file);
    }

    [Theory]
    [InlineData("2>&-")]
    [InlineData("2>/dev/full")]
    public async Task A_closed_or_full_stderr_still_delivers_the_answer(string redirect)
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await Serving(1);

        var result = await sandbox.RunShellAsync($"reason {Args(server)} q {redirect} > f; echo \"exit $?\"");

        Assert.Equal("exit 0\n", result.Stdout);
        Assert.Equal(Streams.Answer + "\n", sandbox.ReadFile("f"));
    }

    [Theory]
    [InlineData(">&-", "it was closed when reason started")]
    [InlineData("> /dev/full", "No space left on device")]
    public async Task A_closed_or_full_stdout_is_one_clear_message_and_exit_code_8(string redirect, string reason)
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await Serving(1);

        var result = await sandbox.RunShellAsync($"reason {Args(server)} q {redirect} 2> err; echo \"exit $?\"");

        Assert.Equal("exit 8\n", result.Stdout);
        string stderr = sandbox.ReadFile("err");
        Assert.Contains("error: Could not write to stdout: " + reason, stderr);
        Assert.Contains("hint: the answer is kept in the log: reason logs show 1", stderr);
        Assert.DoesNotContain("bug", stderr);
        Assert.Single(stderr.Split('\n'), line => line.StartsWith("error:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_closed_stdout_nothing_was_written_to_adds_no_message_to_the_real_error()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(ReplayResponse.Error(500, """{"error":{"message":"boom"}}"""));

        var result = await sandbox.RunShellAsync($"reason {Args(server)} q >&- 2> err; echo \"exit $?\"");

        Assert.Equal("exit 7\n", result.Stdout);
        string stderr = sandbox.ReadFile("err");
        Assert.Contains("error: The server failed (HTTP 500): boom", stderr);
        Assert.DoesNotContain("stdout", stderr);
        Assert.DoesNotContain("answer is kept", stderr);
    }

    [Fact]
    public async Task A_reader_that_stops_early_ends_the_output_quietly()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Streams.Paced(Streams.Known(), 20));

        var result = await sandbox.RunShellAsync($"reason {Args(server)} q 2> err | head -n 1 > first; echo \"exit ${{PIPESTATUS[0]}}\"");

        Assert.Equal("exit 0\n", result.Stdout);
        Assert.Equal(Streams.Answer.Split('\n')[0] + "\n", sandbox.ReadFile("first"));
        Assert.DoesNotContain("error", sandbox.ReadFile("err"));
    }

    [Fact]
    public async Task Help_and_other_commands_write_at_the_shared_offset_too()
    {
        using var sandbox = new Sandbox();

        var result = await sandbox.RunShellAsync("(echo A; reason providers; reason config; reason --help; echo B) > f 2>&1");

        Assert.True(result.ExitCode == 0, result.ToString());
        string file = sandbox.ReadFile("f");
        Assert.StartsWith("A\nname", file, StringComparison.Ordinal);
        Assert.EndsWith("\nB\n", file, StringComparison.Ordinal);
        Assert.Contains("config file:", file);
        Assert.Contains("Examples:", file);
    }
}
