namespace ReasonStream.Cli.Rendering;

/// <summary>The environment's say on colour: <c>NO_COLOR</c> (any non-empty value) and <c>TERM=dumb</c> turn it off.</summary>
internal static class ColorPolicy
{
    public static bool Allowed() =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) &&
        !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);
}
