namespace ReasonStream.Cli.Errors;

/// <summary>What the CLI knows about the request that failed, to make hints concrete (the key's variable, never the key).</summary>
internal sealed record ErrorContext(string Model, string ProviderName, string BaseUrl, string? ApiKeyVariable, WireProtocol Protocol);
