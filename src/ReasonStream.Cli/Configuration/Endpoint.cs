namespace ReasonStream.Cli.Configuration;

/// <summary>A fully resolved target: preset (dialect, history rule), wire protocol, URL, model and the key (held in memory only).</summary>
internal sealed record Endpoint(ProviderPreset Preset, WireProtocol Protocol, string BaseUrl, string Model, string? ApiKey, string? ApiKeyVariable)
{
    public string ProviderName => Preset.Name;

    /// <summary>The rule for sending reasoning back over this endpoint's protocol.</summary>
    public ReasoningHistoryRule HistoryRule => Preset.HistoryRuleFor(Protocol);

    /// <summary>Never print the key or URL credentials: records print their members, so this one is masked.</summary>
    public override string ToString() => $"{ProviderName} {UrlDisplay.WithoutSecrets(BaseUrl)} {Model}";
}
