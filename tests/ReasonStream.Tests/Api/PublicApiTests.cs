using System.Xml.Linq;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Api;

/// <summary>
/// Every shipped library keeps its public API in PublicAPI.Shipped.txt / PublicAPI.Unshipped.txt, checked at build time
/// by Microsoft.CodeAnalysis.PublicApiAnalyzers (a surface change missing from them fails the build), nullability included.
/// </summary>
public sealed class PublicApiTests
{
    public static TheoryData<string> ShippedLibraries()
    {
        var data = new TheoryData<string>();
        foreach (var project in Directory.GetFiles(Path.Combine(Captures.RepoRoot, "src"), "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            bool exe = XDocument.Load(project).Descendants("OutputType").Any(e => e.Value == "Exe");
            if (!exe) data.Add(Path.GetFileNameWithoutExtension(project));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedLibraries))]
    public void Each_shipped_library_keeps_its_public_api_files_with_nullability(string library)
    {
        foreach (string file in new[] { "PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt" })
        {
            string path = Path.Combine(Captures.RepoRoot, "src", library, file);
            Assert.True(File.Exists(path), path);
            Assert.StartsWith("#nullable enable", File.ReadAllText(path), StringComparison.Ordinal);
        }

        Assert.True(File.ReadAllLines(Path.Combine(Captures.RepoRoot, "src", library, "PublicAPI.Unshipped.txt")).Length > 1, library + " lists its API");
    }

    [Fact]
    public void Xml_documentation_ships_with_the_library()
    {
        string xmlPath = Path.ChangeExtension(typeof(ReasoningClient).Assembly.Location, ".xml");
        Assert.True(File.Exists(xmlPath), "XML documentation is generated");
    }
}
