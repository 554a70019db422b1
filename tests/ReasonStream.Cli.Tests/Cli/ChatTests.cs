using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

public sealed class ChatTests
{
    [Fact]
    public async Task Chat_reads_one_prompt_per_line_and_keeps_the_history()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Streams.Known(answer: "One."), Streams.Known(answer: "Two."));

        var result = await sandbox.RunAsync(["chat", .. LiveServer.Args(server)], stdin: "First?\nSecond?\n/exit\nnever sent\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("One.\nTwo.\n", result.Stdout);
        Assert.Equal(2, server.Requests.Count);
        var messages = server.Requests[1].BodyAsJson()!["messages"]!.AsArray();
        Assert.Equal(["First?", "One.", "Second?"], messages.Select(m => (string?)m!["content"]));
        Assert.All(messages, m => Assert.Null(m!["reasoning_content"]));
    }

    [Fact]
    public async Task Chat_from_a_file_exits_with_the_code_of_its_last_failed_turn()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(
            ReplayResponse.Error(401, """{"error":{"message":"bad key"}}"""),
            ReplayResponse.Error(401, """{"error":{"message":"bad key"}}"""));

        var result = await sandbox.RunAsync(["chat", .. LiveServer.Args(server)], stdin: "First?\nSecond?\n");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Chat_with_a_failed_turn_then_a_good_one_still_reports_the_failure()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(ReplayResponse.Error(500, """{"error":{"message":"boom"}}"""), Streams.Known(answer: "Two."));

        var result = await sandbox.RunAsync(["chat", .. LiveServer.Args(server)], stdin: "First?\nSecond?\n");

        Assert.True(result.ExitCode == 7, result.ToString()); // a failed turn is never hidden by a later success
        Assert.Equal("Two.\n", result.Stdout);
    }
}

