using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Docs;

/// <summary>The README's provider table is a copy of <see cref="Providers.All"/>: this keeps it one.</summary>
public sealed class ProviderTableTests
{
    [Fact]
    public void The_readme_table_lists_every_preset_with_its_protocols_url_key_and_model()
    {
        var lines = File.ReadAllLines(Path.Combine(Captures.RepoRoot, "README.md"));
        int header = Array.FindIndex(lines, l => l.StartsWith("| name | protocol | also speaks |", StringComparison.Ordinal));
        Assert.True(header >= 0, "README.md has the provider table");
        var rows = lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Trim('|').Split('|').Select(c => c.Trim()).ToArray()).ToList();

        Assert.Equal(Providers.All.Select(p => p.Name), rows.Select(r => r[0]));
        foreach (var (preset, row) in Providers.All.Zip(rows))
        {
            Assert.Equal(WireProtocols.NameOf(preset.Protocol), row[1]);
            Assert.Equal(string.Join(", ", preset.Protocols.Skip(1).Select(WireProtocols.NameOf)), row[2]);
            Assert.Equal(preset.BaseUrl, row[3]);
            Assert.StartsWith(preset.ApiKeyVariable ?? "(none)", row[4], StringComparison.Ordinal);
            Assert.Equal(preset.DefaultModel, row[5]);
        }
    }
}
