using ReasonStream.Tests.Integration;

namespace ReasonStream.Tests.Faults;

/// <summary>The test key must never appear, whole or cut: not even its first eight characters.</summary>
internal static class KeyCanary
{
    private const int ShortestTelltale = 8;

    public static void AssertAbsent(string? text)
    {
        if (text is null) return;
        Assert.DoesNotContain(Replay.Key[..ShortestTelltale], text, StringComparison.Ordinal);
    }
}
