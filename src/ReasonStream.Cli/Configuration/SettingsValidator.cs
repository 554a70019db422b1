using System.Globalization;
using ReasonStream.Cli.Errors;

namespace ReasonStream.Cli.Configuration;

/// <summary>
/// Fills the gaps the command line left from the config file, rejecting an impossible value there with a configuration
/// error that names the file. (The command line's own values are checked by its options' validators, see OptionRules.)
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

        // The command line's own values were checked by the options' validators when it was parsed.
        return settings with
        {
            Effort = settings.Effort ?? config.Effort,
            TimeoutSeconds = settings.TimeoutSeconds ?? config.Timeout,
        };
    }

    /// <summary>The display settings, with the config file's defaults where the command line said nothing.</summary>
    public static OutputSettings Complete(OutputSettings output, bool reasoningGiven, bool markdownGiven, CliConfig config, string configFile = "the config file")
    {
        if (!reasoningGiven && config.Reasoning is { } reasoning)
        {
            output = output with
            {
                Reasoning = reasoning.Trim().ToLowerInvariant() switch
                {
                    "show" => ReasoningView.Show,
                    "hide" => ReasoningView.Hide,
                    "collapse" => ReasoningView.Collapse,
                    _ => throw new CliException(ExitCodes.Config, $"The config file {configFile} has an invalid \"reasoning\": '{reasoning}'.",
                        "set \"reasoning\" to \"show\", \"hide\" or \"collapse\", or remove it"),
                },
            };
        }

        if (!markdownGiven && config.Markdown is { } markdown) output = output with { Markdown = markdown };
        return output;
    }

    /// <summary>True when <paramref name="seconds"/> is a timeout the client can use.</summary>
    public static bool IsValidTimeout(double seconds) => !double.IsNaN(seconds) && seconds >= MinTimeoutSeconds && seconds <= MaxTimeoutSeconds;

    /// <summary>What is wrong with a timeout of <paramref name="seconds"/>, or null when nothing is.</summary>
    private static string? TimeoutProblem(double seconds) =>
        IsValidTimeout(seconds)
            ? null
            : $"must be between {MinTimeoutSeconds.ToString(CultureInfo.InvariantCulture)} and {MaxTimeoutSeconds.ToString(CultureInfo.InvariantCulture)} seconds (a day), not {seconds.ToString("R", CultureInfo.InvariantCulture)}";
}
