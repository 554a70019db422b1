using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary>Waiting to retry is said on stderr; a server that asks for longer than the retries may wait is not waited for.</summary>
public sealed class RetryTests
{
    private static string[] Args(ReplayServer server, params string[] more) =>
        ["--provider", "deepseek", "--base-url", server.BaseUri.ToString(), "--api-key-env", Sandbox.KeyVariable, .. more];

    [Fact]
    public async Task Each_retry_is_announced_on_stderr()
    {
        using var sandbox = new Sandbox().WithKey();
        var limited = ReplayResponse.Error(429, "{\"error\":{\"message\":\"slow down\"}}").WithHeader("Retry-After", "0");
        await using var server = await ReplayServer.StartAsync(limited, limited, Streams.Known());

        var result = await sandbox.RunAsync(Args(server, "--retries", "3", "Q"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Streams.Answer + "\n", result.Stdout);
        Assert.Equal(2, result.Stderr.Split('\n').Count(line => line == "429: retrying in 0.0 s"));
    }

    [Fact]
    public async Task A_server_asking_for_longer_than_the_timeout_fails_at_once_with_exit_5_saying_how_long()
    {
        using var sandbox = new Sandbox().WithKey();
        var limited = ReplayResponse.Error(429, "{\"error\":{\"message\":\"slow down\"}}").WithHeader("Retry-After", "999999");
        await using var server = await ReplayServer.StartAsync([limited], new ReplayServerOptions { WhenScriptExhausted = ExhaustedScriptBehavior.RepeatLastResponse });

        var result = await sandbox.RunAsync(Args(server, "--retries", "3", "--timeout", "5", "Q"));

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Single(server.Requests);
        Assert.Contains("999999 s", result.Stderr);
        Assert.DoesNotContain("retrying", result.Stderr);
    }

    [Fact]
    public async Task Json_output_announces_retries_on_stderr_and_keeps_stdout_pure_json()
    {
        using var sandbox = new Sandbox().WithKey();
        var failing = ReplayResponse.Error(503, "{\"error\":{\"message\":\"busy\"}}").WithHeader("Retry-After", "0");
        await using var server = await ReplayServer.StartAsync(failing, Streams.Known());

        var result = await sandbox.RunAsync(Args(server, "--retries", "1", "--json", "Q"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("503: retrying in 0.0 s", result.Stderr);
        Assert.All(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("{", line, StringComparison.Ordinal));
    }
}
