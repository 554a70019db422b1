using ReasonStream.Tests.Shared;

namespace ReasonStream.AspNetCore.Tests;

/// <summary>
/// The relay's public surface, checked against src/ReasonStream.AspNetCore/PublicAPI.txt so every change to it is
/// deliberate. After an intended change, run the tests with UPDATE_PUBLIC_API=1 and commit the file.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Public_surface_matches_the_snapshot() =>
        PublicApiListing.AssertMatches(typeof(RelayRequest).Assembly, Path.Combine(Support.Repo.Root, "src", "ReasonStream.AspNetCore", "PublicAPI.txt"));

    [Fact]
    public void The_browser_client_ships_inside_the_package() =>
        Assert.Contains("class ReasonStreamRelay", System.Text.Encoding.UTF8.GetString(ClientScriptEndpoint.Load()));
}
