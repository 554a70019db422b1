using System.Globalization;

namespace ReasonStream.Cli.Rendering;

/// <summary>What a person sees while a failed attempt waits to be retried: "429: retrying in 2.1 s".</summary>
internal static class RetryLine
{
    public static string For(RetryNotice notice)
    {
        string what = notice.Failure.StatusCode is { } status
            ? status.ToString(CultureInfo.InvariantCulture)
            : notice.Failure is ConnectionFailedException ? "connection failed" : "failed";
        return $"{what}: retrying in {notice.Delay.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";
    }
}
