using ReasonStream.Cli.Tests.Support;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary>--dialect: for servers whose stream starts inside the thinking (a template that opens &lt;think&gt; in the prompt).</summary>
public sealed class DialectTests
{
    private static string Chunk(string content) =>
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}\n\n";

    [Fact]
    public async Task Think_tags_open_reads_the_start_of_the_stream_as_reasoning()
    {
        using var sandbox = new Sandbox();
        string file = Path.Combine(sandbox.Folder, "inside.sse");
        File.WriteAllText(file, Chunk("The user greets me.") + Chunk("</think>\\n\\nHello!") +
            "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");

        var result = await sandbox.RunAsync("replay", file, "--fast", "--dialect", "think-tags-open");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Hello!\n", result.Stdout);
        Assert.StartsWith("The user greets me.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_dialect_is_a_usage_error_listing_the_choices()
    {
        using var sandbox = new Sandbox();
        var result = await sandbox.RunAsync("--dialect", "klingon", "hi");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("think-tags-open", result.Stderr, StringComparison.Ordinal);
    }
}
