using System.Text.Json.Nodes;
using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary>
/// Ctrl+C and SIGTERM mid-stream. The server stalls after a few events, so the stream can only end by the signal: the
/// tests wait for the output that arrived, signal, and need no clock — under any load they see the same thing.
/// </summary>
public sealed class InterruptTests
{
    /// <summary>The known stream, stalled for good after its first reasoning events.</summary>
    private static ReplayResponse StalledMidReasoning()
    {
        var stream = Streams.Known();
        var body = stream.Body.Span;
        int events = 0, at = 0;
        for (int i = 1; i < body.Length && events < 4; i++)
        {
            if (body[i] == '\n' && body[i - 1] == '\n') (events, at) = (events + 1, i + 1);
        }

        return stream with { StallAfterBytes = at };
    }

    [Fact]
    public async Task Ctrl_C_mid_stream_exits_130_and_logs_the_partial_output()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(StalledMidReasoning());

        var result = await sandbox.RunAsync(LiveServer.Args(server, "Q"), stdin: null, whileRunning: async (process, output) =>
        {
            await output.WaitUntilAsync(o => o.StderrText.Contains("think", StringComparison.Ordinal));
            Sandbox.Interrupt(process);
        });

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Contains("interrupted", result.Stderr);
        Assert.Equal("", result.Stdout);
        Assert.Equal(ResponseOutcome.ClientDisconnected, await server.Requests[0].Outcome.WaitAsync(TimeSpan.FromSeconds(30)));

        var logs = await sandbox.RunAsync("logs", "--json");
        var row = JsonNode.Parse(logs.Stdout)!.AsArray().Single()!;
        Assert.Equal("interrupted", (string?)row["status"]);
        Assert.Equal(130, (int?)row["exit_code"]);
        string reasoning = (string?)row["reasoning"] ?? "";
        Assert.StartsWith("Let me think", reasoning, StringComparison.Ordinal);
        Assert.True(reasoning.Length < Streams.Reasoning.Length, "only part of the reasoning arrived");
        Assert.StartsWith(reasoning, Streams.Reasoning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SIGTERM_mid_stream_exits_143_and_logs_the_partial_output()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(StalledMidReasoning());

        var result = await sandbox.RunAsync(LiveServer.Args(server, "--json", "Q"), stdin: null, whileRunning: async (process, output) =>
        {
            await output.WaitUntilAsync(o => o.StdoutText.Contains("\"reasoning\"", StringComparison.Ordinal));
            Sandbox.Terminate(process);
        });

        Assert.True(result.ExitCode == 143, result.ToString());
        var summary = JsonNode.Parse(result.Stdout.TrimEnd().Split('\n')[^1])!;
        Assert.Equal("interrupted", (string?)summary["status"]);

        var logs = await sandbox.RunAsync("logs", "--json");
        var row = JsonNode.Parse(logs.Stdout)!.AsArray().Single()!;
        Assert.Equal("interrupted", (string?)row["status"]);
        Assert.Equal(143, (int?)row["exit_code"]);
        Assert.Equal("terminated", (string?)row["error_kind"]);
        Assert.StartsWith("Let me think", (string?)row["reasoning"] ?? "", StringComparison.Ordinal);
    }
}
