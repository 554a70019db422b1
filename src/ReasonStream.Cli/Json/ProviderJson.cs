namespace ReasonStream.Cli.Json;

/// <summary>A preset as `reason providers --json` prints it.</summary>
internal sealed record ProviderJson(
    string Name,
    string DisplayName,
    string Protocol,
    string BaseUrl,
    Dictionary<string, string> Protocols,
    string? ApiKeyVariable,
    List<string> ApiKeyVariables,
    string DefaultModel,
    string Dialect,
    string HistoryRule,
    bool ThinkingSwitch,
    Dictionary<string, string>? RetiredModels);
