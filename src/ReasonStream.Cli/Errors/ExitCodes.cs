namespace ReasonStream.Cli.Errors;

/// <summary>The process exit codes; documented in docs/cli.md. Stable: scripts depend on them.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 1;
    public const int Config = 2;
    public const int Authentication = 3;
    public const int Model = 4;
    public const int RateLimitOrBalance = 5;
    public const int Network = 6;
    public const int Provider = 7;

    /// <summary>stdout (or a file the command was asked to write, --record) could not be written: closed, disk full.</summary>
    public const int Output = 8;

    /// <summary>Ctrl+C / SIGINT (128 + 2).</summary>
    public const int Interrupted = 130;

    /// <summary>SIGTERM (128 + 15).</summary>
    public const int Terminated = 143;
}
