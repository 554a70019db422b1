using System.Text.Json.Nodes;
using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary>The small things seen in use (issue #9): readable JSON, stats that wrap between figures, help and config that say it all.</summary>
public sealed class SmallThingsTests
{
    [Fact]
    public async Task Json_is_readable_utf8_with_only_what_json_requires_escaped()
    {
        using var sandbox = new Sandbox().WithKey();
        const string Answer = "\"Quoted\" + café <b> & 🎉 \\ done";
        await using var server = await ReplayServer.StartAsync(Streams.Known(answer: Answer));

        var result = await sandbox.RunAsync(LiveServer.Args(server, "--json", "Q"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("""\"Quoted\" + café <b> & 🎉 \\ done""", result.Stdout);
        Assert.DoesNotContain("\\u", result.Stdout);
        var summary = JsonNode.Parse(result.Stdout.TrimEnd().Split('\n')[^1])!;
        Assert.Equal(Answer, (string?)summary["answer"]);
    }

    [Fact]
    public async Task Stats_on_a_narrow_terminal_break_between_figures_never_inside_one()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Streams.Known());

        var result = await sandbox.RunInTerminalAsync([.. LiveServer.Args(server, "--stats", "Q")], before: "stty cols 44 rows 40");

        var statsLines = result.Stdout.Split('\n').Select(l => l.TrimEnd('\r'))
            .SkipWhile(l => !l.StartsWith("time:", StringComparison.Ordinal)).TakeWhile(l => l.Length > 0).ToList();
        Assert.True(statsLines.Count >= 3, result.ToString());
        Assert.All(statsLines, line => Assert.True(line.Length <= 44, $"'{line}' is wider than the terminal"));
        Assert.Contains(statsLines, l => l.Contains("output 40 (reasoning 25)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replay_help_names_every_format_it_plays()
    {
        using var sandbox = new Sandbox();

        var result = await sandbox.RunAsync("replay", "--help");

        Assert.Contains(".sse", result.Stdout);
        Assert.Contains(".chunks.jsonl", result.Stdout);
        Assert.Contains(".ndjson", result.Stdout);
        Assert.Contains("reason replay ollama-native.ndjson", result.Stdout);
    }

    [Fact]
    public async Task Config_json_says_where_the_files_are()
    {
        using var sandbox = new Sandbox();
        sandbox.WriteConfig("""{ "model": "deepseek-v4-pro", "reasoning": "collapse" }""");

        var result = await sandbox.RunAsync("config", "--json");

        var config = JsonNode.Parse(result.Stdout)!;
        Assert.Equal(Path.Combine(sandbox.ConfigDir, "config.json"), (string?)config["config_file"]);
        Assert.True((bool?)config["config_file_exists"]);
        Assert.Equal(Path.Combine(sandbox.DataDir, "reason.db"), (string?)config["log_database"]);
        Assert.Equal("deepseek-v4-pro", (string?)config["model"]);
        Assert.Equal("collapse", (string?)config["reasoning"]);
    }

    [Fact]
    public async Task A_mistyped_command_without_a_terminal_to_ask_is_refused_and_nothing_is_sent()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Streams.Known());

        var typo = await sandbox.RunAsync(["modles", .. LiveServer.Args(server)]);
        var meant = await sandbox.RunAsync([.. LiveServer.Args(server), "--", "modles"]);

        Assert.True(typo.ExitCode == 1, typo.ToString());
        Assert.Contains("'modles' looks like the command `reason models` mistyped; nothing was sent.", typo.Stderr);
        Assert.Contains("reason -- modles", typo.Stderr);
        Assert.True(meant.ExitCode == 0, meant.ToString());
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_mistyped_command_on_a_terminal_asks_first()
    {
        using var sandbox = new Sandbox();

        var yes = await sandbox.RunTypedAsync(["provders"], async (_, output, keys) =>
        {
            await output.WaitUntilAsync(o => o.StdoutText.Contains("Run `reason providers`?", StringComparison.Ordinal));
            await keys.TypeAsync("y");
        });

        Assert.True(yes.ExitCode == 0, yes.ToString());
        Assert.Contains("api.deepseek.com", yes.Stdout); // the providers table
    }
}
