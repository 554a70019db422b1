using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary>Piped text with a prompt (`cat notes.md | reason "summarize"`) and -f files: all sent, in order, as one prompt.</summary>
public sealed class PromptInputTests
{
    [Fact]
    public async Task Piped_text_then_the_prompt_are_sent_together()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Streams.Known());

        var result = await sandbox.RunAsync(LiveServer.Args(server, "summarize"), stdin: "The notes.\nSecond line.\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("The notes.\nSecond line.\n\nsummarize", UserMessage(server));
    }

    [Fact]
    public async Task Files_then_stdin_then_the_prompt()
    {
        using var sandbox = new Sandbox().WithKey();
        File.WriteAllText(Path.Combine(sandbox.Folder, "a.txt"), "File A.\n");
        File.WriteAllText(Path.Combine(sandbox.Folder, "b.md"), "# File B\n");
        await using var server = await ReplayServer.StartAsync(Streams.Known());

        var result = await sandbox.RunShellAsync("echo piped | reason " + string.Join(' ', LiveServer.Args(server, "-f", "a.txt", "--file", "b.md", "compare").Select(Sandbox.ShellQuote)));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("File A.\n\n# File B\n\npiped\n\ncompare", UserMessage(server));
    }

    [Theory]
    [InlineData("missing.txt", "No such file: missing.txt")]
    [InlineData("binary.bin", "binary.bin is not text")]
    [InlineData(".", ". is a folder")]
    public async Task A_file_that_cannot_be_sent_is_a_usage_error_and_nothing_is_sent(string file, string message)
    {
        using var sandbox = new Sandbox().WithKey();
        File.WriteAllBytes(Path.Combine(sandbox.Folder, "binary.bin"), [0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]);
        await using var server = await ReplayServer.StartAsync(Streams.Known());

        var result = await sandbox.RunShellAsync("reason " + string.Join(' ', LiveServer.Args(server, "-f", file, "Q").Select(Sandbox.ShellQuote)));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(message, result.Stderr);
        Assert.Empty(server.Requests);
    }

    private static string? UserMessage(ReplayServer server) =>
        (string?)server.Requests.Single().BodyAsJson()!["messages"]!.AsArray().Last()!["content"];
}
