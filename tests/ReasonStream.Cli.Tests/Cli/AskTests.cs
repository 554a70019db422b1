using System.Text.Json;
using System.Text.Json.Nodes;
using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

public sealed class AskTests
{
    [Fact]
    public async Task Answer_goes_to_stdout_and_reasoning_to_stderr_with_stats_and_no_escape_codes()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Streams.Known());

        var result = await sandbox.RunAsync(LiveServer.Args(server, "-s", "Be brief.", "--stats", "What is 17*23?"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Streams.Answer + "\n", result.Stdout);
        Assert.StartsWith(Streams.Reasoning + "\n", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("first reasoning token", result.Stderr);
        Assert.Contains("usage: prompt 11 (cached 3) · output 40 (reasoning 25) · total 51 tokens", result.Stderr);
        Assert.DoesNotContain('\u001b', result.Stdout + result.Stderr);

        var body = server.Requests.Single().BodyAsJson()!;
        Assert.Equal("deepseek-flash", (string?)body["model"]);
        Assert.True((bool?)body["stream"]);
        Assert.Equal("enabled", (string?)body["thinking"]?["type"]);
        var messages = body["messages"]!.AsArray();
        Assert.Equal(["system", "user"], messages.Select(m => (string?)m!["role"]));
        Assert.Equal("What is 17*23?", (string?)messages[1]!["content"]);
        Assert.Equal("Bearer " + Sandbox.Key, server.Requests.Single().Header("Authorization"));
    }

    [Fact]
    public async Task Json_lines_parse_and_reassemble_to_the_exact_texts()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Streams.Known());

        var result = await sandbox.RunAsync(LiveServer.Args(server, "--json", "-m", "deepseek-v4-pro", "Q"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        string Join(string type) => string.Concat(lines.Where(l => (string?)l["type"] == type).Select(l => (string?)l["text"]));
        Assert.Equal(Streams.Reasoning, Join("reasoning"));
        Assert.Equal(Streams.Answer, Join("answer"));
        Assert.Equal("start", (string?)lines[0]["type"]);
        Assert.Contains(lines, l => (string?)l["type"] == "usage" && (int?)l["usage"]!["reasoning_tokens"] == 25);
        Assert.Contains(lines, l => (string?)l["type"] == "finish" && (string?)l["finish_reason"] == "stop");

        var summary = lines[^1];
        Assert.Equal("summary", (string?)summary["type"]);
        Assert.Equal("ok", (string?)summary["status"]);
        Assert.Equal("deepseek-v4-pro", (string?)summary["model"]);
        Assert.Equal(Streams.Reasoning, (string?)summary["reasoning"]);
        Assert.Equal(Streams.Answer, (string?)summary["answer"]);
        Assert.Equal(51, (int?)summary["usage"]!["total_tokens"]);
        Assert.False((bool?)summary["truncated"]);
        Assert.Null(summary["error"]);
        Assert.NotNull(summary["timings"]!["first_answer_ms"]);
        Assert.Equal(1, (int?)summary["turn"]);
        Assert.Equal("deepseek-v4-pro", (string?)server.Requests.Single().BodyAsJson()!["model"]);
    }

    [Fact]
    public async Task Prompt_is_read_from_stdin_when_no_argument_is_given()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Streams.Known());

        var result = await sandbox.RunAsync(LiveServer.Args(server, "--hide-reasoning"), stdin: "A question\nfrom a file.\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Streams.Answer + "\n", result.Stdout);
        Assert.DoesNotContain("Let me think", result.Stderr);
        var user = server.Requests.Single().BodyAsJson()!["messages"]!.AsArray().Last()!;
        Assert.Equal("A question\nfrom a file.", (string?)user["content"]);
    }

    [Fact]
    public async Task Config_file_sets_the_default_model()
    {
        using var sandbox = new Sandbox().WithKey();
        sandbox.WriteConfig("""{ "provider": "deepseek", "model": "deepseek-v4-pro" }""");
        await using var server = await ReplayServer.StartAsync(Streams.Known());

        var result = await sandbox.RunAsync(LiveServer.Args(server, "--no-log", "Q"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("deepseek-v4-pro", (string?)server.Requests.Single().BodyAsJson()!["model"]);
        Assert.False(File.Exists(Path.Combine(sandbox.DataDir, "reason.db")));
    }
}
