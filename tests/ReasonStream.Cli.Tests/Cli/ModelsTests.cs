using System.Text.Json.Nodes;
using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary>`reason models`: the provider's own list in its own protocol, the reasoning models marked where it says so.</summary>
public sealed class ModelsTests
{
    private const string AnthropicList = """
        {"data":[
          {"type":"model","id":"claude-opus-4-6","display_name":"Claude Opus 4.6","created_at":"2026-02-05T00:00:00Z","capabilities":{"thinking":{"supported":true}}},
          {"type":"model","id":"claude-3-5-haiku","display_name":"Claude Haiku 3.5","created_at":"2024-10-22T00:00:00Z","capabilities":{"thinking":{"supported":false}}}],
         "has_more":false}
        """;

    [Fact]
    public async Task Anthropic_models_are_listed_with_the_reasoning_ones_marked_and_the_key_in_its_header()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromJson(AnthropicList));

        var result = await sandbox.RunAsync("models", "--provider", "anthropic", "--base-url", Root(server), "--api-key-env", Sandbox.KeyVariable);

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^claude-3-5-haiku\s+no\s+Claude Haiku 3\.5$", rows[1]);
        Assert.Matches(@"^claude-opus-4-6\s+yes\s+Claude Opus 4\.6$", rows[2]);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/models?limit=1000", request.Path + request.QueryString);
        Assert.Equal(Sandbox.Key, request.Header("x-api-key"));
        Assert.DoesNotContain(Sandbox.Key, result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task Json_lists_reasoning_as_true_false_or_null_and_reasoning_filters()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromJson(AnthropicList), ReplayResponse.FromJson(AnthropicList));
        string[] args = ["models", "--provider", "anthropic", "--base-url", Root(server), "--api-key-env", Sandbox.KeyVariable, "--json"];

        var all = await sandbox.RunAsync(args);
        var reasoning = await sandbox.RunAsync([.. args, "--reasoning"]);

        var models = JsonNode.Parse(all.Stdout)!.AsArray();
        Assert.Equal(["claude-3-5-haiku", "claude-opus-4-6"], models.Select(m => (string?)m!["id"]));
        Assert.Equal([false, true], models.Select(m => (bool?)m!["reasoning"]));
        Assert.Equal("2026-02-05", (string?)models[1]!["created"]);
        Assert.Equal(["claude-opus-4-6"], JsonNode.Parse(reasoning.Stdout)!.AsArray().Select(m => (string?)m!["id"]));
    }

    [Fact]
    public async Task An_openai_style_list_is_shown_and_says_it_does_not_mark_reasoning()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromJson("""{"object":"list","data":[{"id":"deepseek-flash","object":"model"},{"id":"deepseek-v4-pro","object":"model"}]}"""));

        var result = await sandbox.RunAsync(LiveServer.Args(Root(server), "models"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("deepseek-v4-pro", result.Stdout);
        Assert.Contains("does not say which models reason", result.Stderr);
        var request = Assert.Single(server.Requests);
        Assert.Equal("GET /models", request.Method + " " + request.Path + request.QueryString);
    }

    [Fact]
    public async Task A_rejected_key_is_exit_code_3_naming_the_variable()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(ReplayResponse.Error(401, """{"error":{"message":"bad key"}}"""));

        var result = await sandbox.RunAsync(LiveServer.Args(Root(server), "models"));

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("environment variable " + Sandbox.KeyVariable, result.Stderr);
        Assert.DoesNotContain(Sandbox.Key, result.Stderr);
    }

    /// <summary>The server's root, without the <c>/v1/</c> of <see cref="ReplayServer.BaseUri"/>: each provider adds its own path.</summary>
    private static string Root(ReplayServer server) => $"http://127.0.0.1:{server.Port}";
}
