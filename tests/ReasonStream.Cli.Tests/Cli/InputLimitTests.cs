using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary>Values at and past their limits: clear errors with the right code and the right words, never "a bug in reason".</summary>
public sealed class InputLimitTests
{
    [Theory]
    [InlineData("1e-9")]
    [InlineData("0")]
    [InlineData("1e9")]
    [InlineData("86401")]
    public async Task A_timeout_out_of_range_is_a_usage_error_naming_the_limits(string value)
    {
        using var sandbox = new Sandbox().WithKey();

        var result = await sandbox.RunAsync("--timeout", value, "Q");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("--timeout must be between 0.001 and 86400 seconds", result.Stderr);
        Assert.DoesNotContain("bug", result.Stderr);
    }

    [Fact]
    public async Task The_smallest_timeout_is_a_timeout_not_a_crash()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Streams.Known() with { DelayBeforeHeaders = TimeSpan.FromMinutes(5) });

        var result = await sandbox.RunAsync(LiveServer.Args(server, "--timeout", "0.001", "Q"));

        Assert.True(result.ExitCode == 6, result.ToString());
        Assert.DoesNotContain("bug", result.Stderr);
    }

    [Theory]
    [InlineData("""{ "timeout": 0 }""")]
    [InlineData("""{ "timeout": -5 }""")]
    [InlineData("""{ "timeout": 1e12 }""")]
    public async Task A_bad_timeout_in_the_config_file_is_a_config_error_naming_the_file(string config)
    {
        using var sandbox = new Sandbox().WithKey();
        sandbox.WriteConfig(config);

        var result = await sandbox.RunAsync("Q");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(Path.Combine(sandbox.ConfigDir, "config.json"), result.Stderr);
        Assert.Contains("\"timeout\"", result.Stderr);
    }

    [Fact]
    public async Task A_prompt_on_stdin_beyond_the_limit_is_a_usage_error_and_nothing_is_sent()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Streams.Known());

        var result = await sandbox.RunAsync(LiveServer.Args(server), stdin: new string('y', 4 * 1024 * 1024 + 1));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("longer than 4,194,304 characters", result.Stderr);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_prompt_on_stdin_at_the_limit_is_sent()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Streams.Known());

        var result = await sandbox.RunAsync(LiveServer.Args(server, "--no-log"), stdin: new string('y', 4 * 1024 * 1024));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_endless_stdin_is_stopped_at_the_limit()
    {
        using var sandbox = new Sandbox().WithKey();

        var result = await sandbox.RunShellAsync("yes | reason --api-key-env " + Sandbox.KeyVariable + "; echo \"exit ${PIPESTATUS[1]}\"");

        Assert.EndsWith("exit 1\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("longer than 4,194,304 characters", result.Stderr);
    }
}
