using System.Text.Json.Nodes;
using ReasonStream.Cli.Tests.Support;

namespace ReasonStream.Cli.Tests.Cli;

public sealed class HelpTests
{
    [Fact]
    public async Task Help_lists_options_and_examples()
    {
        using var sandbox = new Sandbox();

        var result = await sandbox.RunAsync("logs", "show", "--help");
        var root = await sandbox.RunAsync("--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Examples:", result.Stdout);
        Assert.Contains("reason logs show 12", result.Stdout);
        Assert.Contains("--hide-reasoning", root.Stdout);
        Assert.Contains("reason demo", root.Stdout);
    }

    [Fact]
    public async Task Providers_lists_every_preset()
    {
        using var sandbox = new Sandbox();

        var result = await sandbox.RunAsync("providers", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var presets = JsonNode.Parse(result.Stdout)!.AsArray();
        Assert.Equal(Providers.All.Count, presets.Count);
        Assert.Equal("DEEPSEEK_API_KEY", (string?)presets[0]!["api_key_variable"]);
        Assert.Equal("deepseek-flash", (string?)presets[0]!["default_model"]);
    }
}
