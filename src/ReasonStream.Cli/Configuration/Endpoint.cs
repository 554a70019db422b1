namespace ReasonStream.Cli.Configuration;

/// <summary>
/// A fully resolved target: preset (dialect, history rule), wire protocol, URL, model and the key (held in memory only),
/// with where the key came from as the library words it (<see cref="ReasoningClientOptions.UseApiKeyFromEnvironment"/>).
/// </summary>
internal sealed record Endpoint(ProviderPreset Preset, WireProtocol Protocol, string BaseUrl, string Model, string? ApiKey, string? ApiKeyVariable, string? ApiKeySource = null)
{
    public string ProviderName => Preset.Name;

    /// <summary>The rule for sending reasoning back over this endpoint's protocol.</summary>
    public ReasoningHistoryRule HistoryRule => Preset.HistoryRuleFor(Protocol);

    /// <summary>Never print the key or URL credentials: records print their members, so this one is masked.</summary>
    public override string ToString() => $"{ProviderName} {UrlDisplay.WithoutSecrets(BaseUrl)} {Model}";
}
