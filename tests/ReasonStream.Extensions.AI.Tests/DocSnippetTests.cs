using System.Text.RegularExpressions;

namespace ReasonStream.Extensions.AI.Tests;

/// <summary>Every C# block of docs/extensions-ai.md is quoted from compiled code (DocExamples.cs or a sample), so it compiles.</summary>
public sealed partial class DocSnippetTests
{
    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReasonStream.slnx"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    private static string Normalize(string code) => string.Join("\n", code.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    [GeneratedRegex(@"```csharp\n(?:// from (?<file>\S+)\n)?(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [Fact]
    public void Each_csharp_block_is_quoted_verbatim_from_the_file_it_names()
    {
        string root = RepositoryRoot();
        string doc = File.ReadAllText(Path.Combine(root, "docs", "extensions-ai.md")).ReplaceLineEndings("\n");
        var blocks = CSharpBlock().Matches(doc);

        Assert.True(blocks.Count >= 4, "the doc has its examples");
        foreach (Match block in blocks)
        {
            Assert.True(block.Groups["file"].Success, "each block names its source: " + block.Value[..Math.Min(80, block.Value.Length)]);
            string source = Normalize(File.ReadAllText(Path.Combine(root, block.Groups["file"].Value)));
            Assert.Contains(Normalize(block.Groups["code"].Value), source);
        }
    }

    [Fact]
    public void The_readme_quotes_its_adapter_examples_verbatim_from_compiled_code()
    {
        string root = RepositoryRoot();
        string readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        var quoted = CSharpBlock().Matches(readme).Where(b => b.Groups["file"].Success).ToList();

        Assert.True(quoted.Count >= 4, "the README shows the IChatClient, tool loop, DI and telemetry examples");
        foreach (Match block in quoted)
        {
            string source = Normalize(File.ReadAllText(Path.Combine(root, block.Groups["file"].Value)));
            Assert.Contains(Normalize(block.Groups["code"].Value), source);
        }
    }
}
