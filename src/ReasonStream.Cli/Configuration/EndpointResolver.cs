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
            preset = Providers.Custom(customUrl);
        }
        else
        {
            preset = Providers.DeepSeek;
        }

        bool configMatches = config.Provider is null || string.Equals(config.Provider, preset.Name, StringComparison.OrdinalIgnoreCase);
        var protocol = settings.Api ?? (configMatches ? ConfiguredProtocol(config) : null) ?? preset.Protocol;
        string? customBase = settings.BaseUrl ?? (providerName is null ? config.BaseUrl : null);
        string baseUrl = customBase ?? preset.BaseUrlFor(protocol) ?? throw new CliException(ExitCodes.Usage,
            $"{preset.DisplayName} does not speak {WireProtocols.Describe(protocol)}.",
            $"it speaks: {string.Join(", ", preset.Protocols.Select(WireProtocols.NameOf))}; or pass --base-url for a server that does");
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException(ExitCodes.Usage, $"The base URL '{UrlDisplay.WithoutSecrets(baseUrl)}' is not an http(s) URL.", "pass e.g. --base-url http://localhost:8000/v1");
        }

        string model = settings.Model ?? (configMatches ? config.Model : null) ?? preset.DefaultModel;

        string? chosen = settings.ApiKeyEnv ?? (configMatches ? config.ApiKeyEnv : null);
        IReadOnlyList<string> variables = chosen is not null ? [chosen] : preset.ApiKeyVariables;
        // The library takes the key from the environment and names its source; the CLI only decides whether one is required.
        var key = new ReasoningClientOptions();
        string? variable = key.UseApiKeyFromEnvironment(variables) ?? (variables.Count > 0 ? variables[0] : null);
        if (key.ApiKey is null)
        {
            bool required = settings.ApiKeyEnv is not null || (variables.Count > 0 && !uri.IsLoopback);
            if (required && variable is not null)
            {
                string named = string.Join(" or ", variables);
                throw new CliException(ExitCodes.Config, $"No API key: the environment variable {named} is not set.",
                    $"set {variables[0]} or pass --api-key-env NAME");
            }
        }

        return new Endpoint(preset, protocol, baseUrl, model, key.ApiKey, variable, key.ApiKeySource);
    }

    private static WireProtocol? ConfiguredProtocol(CliConfig config)
    {
        if (config.Api is null) return null;
        return WireProtocols.TryParse(config.Api, out var protocol) ? protocol
            : throw new CliException(ExitCodes.Config, $"The config file names an unknown api '{config.Api}'.",
                "use one of: " + string.Join(", ", WireProtocols.All.Select(WireProtocols.NameOf)));
    }
}
