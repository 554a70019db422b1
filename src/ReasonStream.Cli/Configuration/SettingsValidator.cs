using ReasonStream.Cli.Errors;

namespace ReasonStream.Cli.Configuration;

/// <summary>Rejects impossible values with a clear usage error, and fills gaps from the config file.</summary>
internal static class SettingsValidator
{
    public static RequestSettings Complete(RequestSettings settings, CliConfig config)
    {
        settings = settings with
        {
            Effort = settings.Effort ?? config.Effort,
            TimeoutSeconds = settings.TimeoutSeconds ?? config.Timeout,
        };
        if (settings.MaxTokens is <= 0) throw Usage("--max-tokens must be a positive number of tokens.", "e.g. --max-tokens 4096");
        if (settings.Temperature is { } t && (double.IsNaN(t) || t < 0 || t > 2)) throw Usage("--temperature must be between 0 and 2.", null);
        if (settings.TimeoutSeconds is { } s && (double.IsNaN(s) || s <= 0 || s > 86_400)) throw Usage("--timeout must be a number of seconds above 0.", "e.g. --timeout 60");
        if (settings.Retries is < 0 or > 10) throw Usage("--retries must be between 0 and 10.", null);
        return settings;
    }

    private static CliException Usage(string message, string? hint) => new(ExitCodes.Usage, message, hint);
}
