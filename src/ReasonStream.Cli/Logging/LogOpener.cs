using Microsoft.Data.Sqlite;
using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Errors;

namespace ReasonStream.Cli.Logging;

/// <summary>Opens the log database, turning a broken or unwritable file into a clear error.</summary>
internal static class LogOpener
{
    public static ExchangeLog Open(AppPaths paths)
    {
        try
        {
            return ExchangeLog.Open(paths.LogDatabase);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Config, $"The log database {paths.LogDatabase} cannot be opened: {e.Message}",
                $"check the folder's permissions, set {AppPaths.DataDirVariable} to another folder, or pass --no-log");
        }
    }

    /// <summary>Like <see cref="Open"/>, but a broken log only costs the logging: the answer still comes.</summary>
    public static ExchangeLog? TryOpen(AppPaths paths, Action<CliException> warn)
    {
        try
        {
            return Open(paths);
        }
        catch (CliException e)
        {
            warn(e);
            return null;
        }
    }
}
