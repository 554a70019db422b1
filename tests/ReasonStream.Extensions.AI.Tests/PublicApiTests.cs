using ReasonStream.Tests.Shared;

namespace ReasonStream.Extensions.AI.Tests;

/// <summary>
/// The adapter's public surface, checked against src/ReasonStream.Extensions.AI/PublicAPI.txt so every change to it is
/// deliberate. After an intended change, run the tests with UPDATE_PUBLIC_API=1 and commit the file.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Public_surface_matches_the_snapshot() =>
        PublicApiListing.AssertMatches(typeof(ReasoningChatClient).Assembly, Path.Combine(DocSnippetTests.RepositoryRoot(), "src", "ReasonStream.Extensions.AI", "PublicAPI.txt"));

    [Fact]
    public void Xml_documentation_ships_with_the_adapter()
    {
        string xmlPath = Path.ChangeExtension(typeof(ReasoningChatClient).Assembly.Location, ".xml");
        Assert.True(File.Exists(xmlPath), "XML documentation is generated");
    }
}
