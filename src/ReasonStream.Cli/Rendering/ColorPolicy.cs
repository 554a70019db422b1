namespace ReasonStream.Cli.Rendering;

/// <summary>The environment's say on colour: <c>NO_COLOR</c> (any non-empty value) and <c>TERM=dumb</c> turn it off.</summary>
internal static class ColorPolicy
{
    public static bool Allowed() => Allowed(Environment.GetEnvironmentVariable);

    /// <summary>The same decision from the given environment (a variable's value, or null when unset).</summary>
    public static bool Allowed(Func<string, string?> environment) =>
        string.IsNullOrEmpty(environment("NO_COLOR")) &&
        !string.Equals(environment("TERM"), "dumb", StringComparison.Ordinal);
}
