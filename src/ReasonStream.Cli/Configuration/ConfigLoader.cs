using System.Text.Json;
using ReasonStream.Cli.Errors;

namespace ReasonStream.Cli.Configuration;

/// <summary>Reads the config file; a missing file means no defaults, a broken one is a clear error.</summary>
internal static class ConfigLoader
{
    public static CliConfig Load(AppPaths paths)
    {
        string file = paths.ConfigFile;
        if (!File.Exists(file)) return CliConfig.Empty;
        try
        {
            using var stream = File.OpenRead(file);
            return JsonSerializer.Deserialize(stream, ConfigJsonContext.Default.CliConfig) ?? CliConfig.Empty;
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.Config, $"The config file {file} is not valid: {e.Message}",
                "fix the JSON or delete the file (see `reason config --help`)");
        }
        catch (IOException e)
        {
            throw new CliException(ExitCodes.Config, $"The config file {file} cannot be read: {e.Message}", null);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CliException(ExitCodes.Config, $"The config file {file} cannot be read: {e.Message}", null);
        }
    }
}
