using System.CommandLine;
using System.Text.Json;
using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Json;
using ReasonStream.Cli.Rendering;

namespace ReasonStream.Cli.Commands;

/// <summary>`reason config`: where the config file and the log live, and the defaults in force.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var command = new Command("config", "Show the config file and log locations and the defaults they set (the file's format is in docs/cli.md)");
        var json = new Option<bool>("--json") { Description = "As JSON: config_file, config_file_exists, log_database and the config file's values" };
        var noColor = new Option<bool>("--no-color") { Description = "Plain text (the output has no colour; errors neither)" };
        command.Add(json);
        command.Add(noColor);
        command.SetAction(parse => CommandGuard.Run(() => Run(parse.GetValue(json)), parse.GetValue(noColor)));
        return command;
    }

    private static int Run(bool json)
    {
        var paths = AppPaths.FromEnvironment();
        var config = ConfigLoader.Load(paths);
        var stdout = ConsoleTarget.StandardOutput(noColor: true);
        var w = stdout.Writer;
        if (json)
        {
            var shown = new ConfigJson(paths.ConfigFile, File.Exists(paths.ConfigFile), paths.LogDatabase, config.Provider, config.Model,
                config.BaseUrl is null ? null : UrlDisplay.WithoutSecrets(config.BaseUrl), config.Api, config.ApiKeyEnv, config.Effort, config.Timeout,
                config.Reasoning, config.Markdown);
            w.WriteLine(JsonSerializer.Serialize(shown, CliJsonContext.Readable.ConfigJson));
            w.Flush();
            return 0;
        }

        w.WriteLine($"config file: {paths.ConfigFile}{(File.Exists(paths.ConfigFile) ? "" : " (not present: built-in defaults)")}");
        w.WriteLine($"log database: {paths.LogDatabase}");
        w.WriteLine($"provider: {config.Provider ?? "(default: deepseek)"}");
        w.WriteLine($"model: {config.Model ?? "(default: the provider's default model)"}");
        if (config.BaseUrl is not null) w.WriteLine($"base_url: {UrlDisplay.WithoutSecrets(config.BaseUrl)}");
        if (config.ApiKeyEnv is not null) w.WriteLine($"api_key_env: {config.ApiKeyEnv}");
        if (config.Effort is not null) w.WriteLine($"effort: {config.Effort}");
        if (config.Api is not null) w.WriteLine($"api: {config.Api}");
        if (config.Timeout is not null) w.WriteLine($"timeout: {config.Timeout}");
        w.WriteLine($"reasoning: {config.Reasoning ?? "(default: show)"}");
        w.WriteLine($"markdown: {(config.Markdown is { } markdown ? markdown ? "true" : "false" : "(default: true, on a terminal)")}");
        w.WriteLine();
        w.WriteLine("example config.json:");
        w.WriteLine("""  { "provider": "deepseek", "model": "deepseek-v4-pro", "effort": "high", "reasoning": "collapse" }""");
        w.Flush();
        return 0;
    }
}
