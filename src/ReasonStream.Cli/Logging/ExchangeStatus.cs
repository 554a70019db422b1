namespace ReasonStream.Cli.Logging;

/// <summary>How an exchange ended, as stored in the log and printed in JSON summaries.</summary>
internal static class ExchangeStatus
{
    public const string Running = "running";
    public const string Ok = "ok";
    public const string Error = "error";
    public const string Interrupted = "interrupted";
}
