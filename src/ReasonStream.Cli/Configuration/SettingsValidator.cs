using System.Globalization;
using ReasonStream.Cli.Errors;

namespace ReasonStream.Cli.Configuration;

/// <summary>
/// Rejects impossible values with a clear error — a usage error for the command line, a configuration error naming the
/// file for the config file — and fills gaps from the config file.
/// </summary>
internal static class SettingsValidator
{
    /// <summary>The shortest timeout: anything shorter is no time at all (and 1e-9 s rounds to zero).</summary>
    public const double MinTimeoutSeconds = 0.001;

    /// <summary>The longest timeout: a day.</summary>
    public const double MaxTimeoutSeconds = 86_400;

    public static RequestSettings Complete(RequestSettings settings, CliConfig config, string configFile = "the config file")
    {
        if (config.Timeout is { } configured && TimeoutProblem(configured) is { } problem)
        {
            throw new CliException(ExitCodes.Config, $"The config file {configFile} has an invalid \"timeout\": {problem}.",
                "set \"timeout\" to a number of seconds, e.g. 300, or remove it");
        }

        if (settings.TimeoutSeconds is { } given && TimeoutProblem(given) is { } bad) throw Usage($"--timeout {bad}.", "e.g. --timeout 60");
        settings = settings with
        {
            Effort = settings.Effort ?? config.Effort,
            TimeoutSeconds = settings.TimeoutSeconds ?? config.Timeout,
        };
        if (settings.MaxTokens is <= 0) throw Usage("--max-tokens must be a positive number of tokens.", "e.g. --max-tokens 4096");
        if (settings.Temperature is { } t && (double.IsNaN(t) || t < 0 || t > 2)) throw Usage("--temperature must be between 0 and 2.", null);
        if (settings.Retries is < 0 or > 10) throw Usage("--retries must be between 0 and 10.", null);
        return settings;
    }

    /// <summary>What is wrong with a timeout of <paramref name="seconds"/>, or null when nothing is.</summary>
    private static string? TimeoutProblem(double seconds) =>
        double.IsNaN(seconds) || seconds < MinTimeoutSeconds || seconds > MaxTimeoutSeconds
            ? $"must be between {MinTimeoutSeconds.ToString(CultureInfo.InvariantCulture)} and {MaxTimeoutSeconds.ToString(CultureInfo.InvariantCulture)} seconds (a day), not {seconds.ToString("R", CultureInfo.InvariantCulture)}"
            : null;

    private static CliException Usage(string message, string? hint) => new(ExitCodes.Usage, message, hint);
}
