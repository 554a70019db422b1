using System.Text.RegularExpressions;
using ReasonStream.Cli.Tests.Support;

namespace ReasonStream.Cli.Tests.Architecture;

/// <summary>
/// The CLI's folders are its layers, and they depend on each other without cycles: the exchange model below the renderers,
/// the JSON writer and the log, which do not know each other's inner types; the commands on top. Read from the source: a
/// folder depends on another when its code (comments aside) names a type declared there.
/// </summary>
public sealed partial class LayerTests
{
    private static readonly string Source = Path.Combine(Repo.Root, "src", "ReasonStream.Cli");

    [Fact]
    public void The_folders_depend_on_each_other_without_cycles()
    {
        var graph = Dependencies();

        var cycle = FindCycle(graph);

        Assert.Contains("Exchange", graph["Rendering"]); // the reading sees dependencies (a graph of none has no cycle either)
        Assert.Contains("Streaming", graph["Commands"]);

        Assert.True(cycle is null, "a cycle: " + string.Join(" → ", cycle ?? []) + "\n" + Describe(graph));
    }

    [Theory]
    [InlineData("Exchange", "Rendering")]
    [InlineData("Exchange", "Json")]
    [InlineData("Exchange", "Logging")]
    [InlineData("Exchange", "Streaming")]
    [InlineData("Json", "Logging")]
    [InlineData("Logging", "Json")]
    [InlineData("Json", "Rendering")]
    [InlineData("Rendering", "Logging")]
    [InlineData("Rendering", "Streaming")]
    [InlineData("Logging", "Streaming")]
    [InlineData("Output", "Rendering")]
    public void A_lower_layer_does_not_know_a_higher_one(string lower, string higher)
    {
        var graph = Dependencies();

        Assert.True(graph.ContainsKey(lower), $"no folder {lower}");
        Assert.DoesNotContain(higher, graph[lower]);
    }

    private static Dictionary<string, HashSet<string>> Dependencies()
    {
        var folders = Directory.GetDirectories(Source).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).Select(f => f!).ToList();
        var declaredIn = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string folder in folders)
        {
            foreach (string file in Directory.GetFiles(Path.Combine(Source, folder), "*.cs", SearchOption.AllDirectories))
            {
                foreach (Match match in Declaration().Matches(Code(file))) declaredIn.TryAdd(match.Groups["name"].Value, folder);
            }
        }

        var graph = folders.ToDictionary(f => f, _ => new HashSet<string>(StringComparer.Ordinal));
        foreach (string folder in folders)
        {
            foreach (string file in Directory.GetFiles(Path.Combine(Source, folder), "*.cs", SearchOption.AllDirectories))
            {
                foreach (Match match in Identifier().Matches(Code(file)))
                {
                    if (declaredIn.TryGetValue(match.Value, out string? owner) && owner != folder) graph[folder].Add(owner);
                }
            }
        }

        return graph;
    }

    /// <summary>The file without comments and string contents (a message may name anything).</summary>
    private static string Code(string file) => Strings().Replace(Comments().Replace(File.ReadAllText(file), ""), "\"\"");

    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>(); // 1 visiting, 2 done
        var path = new List<string>();
        foreach (string start in graph.Keys)
        {
            if (Visit(start) is { } cycle) return cycle;
        }

        return null;

        List<string>? Visit(string node)
        {
            if (state.TryGetValue(node, out int s))
            {
                return s == 1 ? [.. path.Skip(path.IndexOf(node)), node] : null;
            }

            state[node] = 1;
            path.Add(node);
            foreach (string next in graph[node].Order(StringComparer.Ordinal))
            {
                if (Visit(next) is { } cycle) return cycle;
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
    }

    private static string Describe(Dictionary<string, HashSet<string>> graph) =>
        string.Join("\n", graph.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} → {string.Join(", ", g.Value.Order(StringComparer.Ordinal))}"));

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum|delegate\s+\S+)\s+(?<name>[A-Z]\w*)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"(?<![.\w])[A-Z]\w*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"@?""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex Strings();
}
