namespace ReasonStream.Cli.Json;

/// <summary>A preset as `reason providers --json` prints it.</summary>
internal sealed record ProviderJson(
    string Name,
    string DisplayName,
    string BaseUrl,
    string? ApiKeyVariable,
    string DefaultModel,
    string Dialect,
    string HistoryRule,
    bool ThinkingSwitch,
    Dictionary<string, string>? RetiredModels);
