namespace ReasonStream.Cli.Configuration;

/// <summary>How the exchange is shown.</summary>
internal sealed record OutputSettings
{
    public bool HideReasoning { get; init; }
    public bool Stats { get; init; }
    public bool Json { get; init; }
    public bool NoColor { get; init; }
}
