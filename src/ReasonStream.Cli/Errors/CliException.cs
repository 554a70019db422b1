namespace ReasonStream.Cli.Errors;

/// <summary>A failure the CLI itself detects (bad input, missing key, broken config): one line, a hint, an exit code.</summary>
internal sealed class CliException(int exitCode, string message, string? hint) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public string? Hint { get; } = hint;
}
