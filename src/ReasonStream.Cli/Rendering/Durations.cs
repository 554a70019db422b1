using System.Globalization;

namespace ReasonStream.Cli.Rendering;

/// <summary>Formats times the way the CLI shows them: seconds with one decimal.</summary>
internal static class Durations
{
    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    public static string Seconds(TimeSpan? time) => time is { } t ? Seconds(t) : "–";
}
