namespace ReasonStream.Cli.Errors;

/// <summary>What the user is told about a failure: one line, an optional hint, the exit code, and a stable kind for JSON and the log.</summary>
internal sealed record ErrorReport(string Kind, string Message, string? Hint, int ExitCode, int? HttpStatus = null);
