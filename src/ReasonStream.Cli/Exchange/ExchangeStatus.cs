namespace ReasonStream.Cli.Exchange;

/// <summary>How an exchange ended, as printed in JSON summaries and stored in the log.</summary>
internal static class ExchangeStatus
{
    public const string Ok = "ok";
    public const string Error = "error";
    public const string Interrupted = "interrupted";
}
