using ReasonStream.Tests.Shared;

namespace ReasonStream.Tests.Api;

/// <summary>
/// The library's public surface, checked against src/ReasonStream/PublicAPI.txt so every change to it is
/// deliberate. After an intended change, run the tests with UPDATE_PUBLIC_API=1 and commit the file.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Public_surface_matches_the_snapshot() =>
        PublicApiListing.AssertMatches(typeof(ReasoningClient).Assembly, Path.Combine(Support.Captures.RepoRoot, "src", "ReasonStream", "PublicAPI.txt"));

    [Fact]
    public void Xml_documentation_ships_with_the_library()
    {
        string xmlPath = Path.ChangeExtension(typeof(ReasoningClient).Assembly.Location, ".xml");
        Assert.True(File.Exists(xmlPath), "XML documentation is generated");
    }
}
