namespace ReasonStream.AspNetCore.Tests;

/// <summary>What the package carries besides its code (its public API is kept by the PublicAPI analyzer at build time).</summary>
public sealed class PackageContentTests
{
    [Fact]
    public void The_browser_client_ships_inside_the_package() =>
        Assert.Contains("class ReasonStreamRelay", System.Text.Encoding.UTF8.GetString(ClientScriptEndpoint.Load()));
}
