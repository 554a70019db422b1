namespace ReasonStream.Extensions.AI.Tests;

/// <summary>What ships beside the adapter's code (its public API is kept by the PublicAPI analyzer at build time).</summary>
public sealed class PackageContentTests
{
    [Fact]
    public void Xml_documentation_ships_with_the_adapter()
    {
        string xmlPath = Path.ChangeExtension(typeof(ReasoningChatClient).Assembly.Location, ".xml");
        Assert.True(File.Exists(xmlPath), "XML documentation is generated");
    }
}
