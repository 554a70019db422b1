namespace ReasonStream.Cli.Configuration;

/// <summary>Everything the command line said about where to send a request and what to ask for.</summary>
internal sealed record RequestSettings
{
    public string? Model { get; init; }
    public string? Provider { get; init; }
    public string? BaseUrl { get; init; }
    public WireProtocol? Api { get; init; }
    public string? ApiKeyEnv { get; init; }
    public string? System { get; init; }
    public int? MaxTokens { get; init; }
    public double? Temperature { get; init; }
    public string? Effort { get; init; }
    public double? TimeoutSeconds { get; init; }
    public int? Retries { get; init; }
    public ReasoningDialect? Dialect { get; init; }
    public string? RecordPath { get; init; }
}
