namespace ReasonStream.Cli.Configuration;

/// <summary>A fully resolved target: preset (dialect, history rule), URL, model and the key (held in memory only).</summary>
internal sealed record Endpoint(ProviderPreset Preset, string BaseUrl, string Model, string? ApiKey, string? ApiKeyVariable)
{
    public string ProviderName => Preset.Name;

    /// <summary>Never print the key or URL credentials: records print their members, so this one is masked.</summary>
    public override string ToString() => $"{ProviderName} {UrlDisplay.WithoutSecrets(BaseUrl)} {Model}";
}
