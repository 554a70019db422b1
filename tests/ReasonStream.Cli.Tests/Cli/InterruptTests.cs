using System.Text.Json.Nodes;
using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

public sealed class InterruptTests
{
    [Fact]
    public async Task Ctrl_C_mid_stream_exits_130_promptly_and_logs_the_partial_output()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Streams.Paced(Streams.Known(), 150));
        TimeSpan stopTime = default;

        var result = await sandbox.RunAsync(LiveServer.Args(server, "Q"), stdin: null, whileRunning: async (process, stderr) =>
        {
            while (!Sandbox.Snapshot(stderr).Contains("think", StringComparison.Ordinal)) await Task.Delay(20);
            var sent = DateTime.UtcNow;
            Sandbox.Interrupt(process);
            await process.WaitForExitAsync();
            stopTime = DateTime.UtcNow - sent;
        });

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.True(stopTime < TimeSpan.FromSeconds(3), $"took {stopTime}");
        Assert.Contains("interrupted", result.Stderr);
        Assert.Equal("", result.Stdout);

        var logs = await sandbox.RunAsync("logs", "--json");
        var row = JsonNode.Parse(logs.Stdout)!.AsArray().Single()!;
        Assert.Equal("interrupted", (string?)row["status"]);
        Assert.Equal(130, (int?)row["exit_code"]);
        string reasoning = (string?)row["reasoning"] ?? "";
        Assert.StartsWith("Let me think", reasoning, StringComparison.Ordinal);
        Assert.True(reasoning.Length < Streams.Reasoning.Length, "only part of the reasoning should have arrived");
        Assert.StartsWith(reasoning, Streams.Reasoning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SIGTERM_mid_stream_exits_143_and_logs_the_partial_output()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Streams.Paced(Streams.Known(), 150));

        var result = await sandbox.RunAsync(LiveServer.Args(server, "--json", "Q"), stdin: null, whileRunning: async (process, _) =>
        {
            while (server.Requests.Count == 0) await Task.Delay(20);
            await Task.Delay(500); // a few events in
            Sandbox.Terminate(process);
            await process.WaitForExitAsync();
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
