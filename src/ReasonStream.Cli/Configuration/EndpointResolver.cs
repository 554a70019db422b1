using ReasonStream.Cli.Errors;

namespace ReasonStream.Cli.Configuration;

/// <summary>
/// Decides provider, base URL, model and key from the options, then the config file, then the preset.
/// Keys are read only from the environment.
/// </summary>
internal static class EndpointResolver
{
    public static Endpoint Resolve(RequestSettings settings, CliConfig config)
    {
        string? providerName = settings.Provider ?? (settings.BaseUrl is null ? config.Provider : null);
        ProviderPreset preset;
        if (providerName is not null)
        {
            preset = Providers.Find(providerName) ?? throw new CliException(ExitCodes.Usage,
                $"Unknown provider '{providerName}'.",
                "choose one of: " + string.Join(", ", Providers.All.Select(p => p.Name)) + " (see `reason providers`), or pass --base-url");
        }
        else if ((settings.BaseUrl ?? config.BaseUrl) is { } customUrl)
        {
            preset = new ProviderPreset("custom", "Custom endpoint", customUrl, null, "default");
        }
        else
        {
            preset = Providers.DeepSeek;
        }

        string baseUrl = settings.BaseUrl ?? (providerName is null ? config.BaseUrl : null) ?? preset.BaseUrl;
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException(ExitCodes.Usage, $"The base URL '{UrlDisplay.WithoutSecrets(baseUrl)}' is not an http(s) URL.", "pass e.g. --base-url http://localhost:8000/v1");
        }

        bool configMatches = config.Provider is null || string.Equals(config.Provider, preset.Name, StringComparison.OrdinalIgnoreCase);
        string model = settings.Model ?? (configMatches ? config.Model : null) ?? preset.DefaultModel;

        string? variable = settings.ApiKeyEnv ?? (configMatches ? config.ApiKeyEnv : null) ?? preset.ApiKeyVariable;
        string? key = variable is null ? null : Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(key))
        {
            key = null;
            bool required = settings.ApiKeyEnv is not null || (preset.ApiKeyVariable is not null && !uri.IsLoopback);
            if (required && variable is not null)
            {
                throw new CliException(ExitCodes.Config, $"No API key: the environment variable {variable} is not set.",
                    $"set {variable} or pass --api-key-env NAME");
            }
        }

        return new Endpoint(preset, baseUrl, model, key, variable);
    }
}
