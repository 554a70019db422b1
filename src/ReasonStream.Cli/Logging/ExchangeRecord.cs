namespace ReasonStream.Cli.Logging;

/// <summary>
/// One exchange as the log keeps it (and as `reason logs --json` prints it): its own shape, made from the exchange's
/// outcome, not from the NDJSON events, so the two formats can change apart. Never holds the API key.
/// </summary>
internal sealed record ExchangeRecord
{
    public long Id { get; init; }
    public required string ConversationId { get; init; }
    public int Turn { get; init; }
    public required string StartedAt { get; init; }
    /// <summary><c>running</c>, <c>ok</c>, <c>error</c> or <c>interrupted</c>; for the last two the texts are the partial output.</summary>
    public string Status { get; init; } = LogStatus.Running;
    public required string Provider { get; init; }
    public required string Model { get; init; }
    public required string BaseUrl { get; init; }
    public string? SystemPrompt { get; init; }
    public required string Prompt { get; init; }
    public string Reasoning { get; init; } = "";
    public string Answer { get; init; } = "";
    public IReadOnlyList<LoggedToolCall> ToolCalls { get; init; } = [];
    public LoggedUsage? Usage { get; init; }
    public LoggedTimings? Timings { get; init; }
    public string? FinishReason { get; init; }
    public bool Truncated { get; init; }
    public string? ErrorKind { get; init; }
    public string? ErrorMessage { get; init; }
    public int? ExitCode { get; init; }
}

/// <summary>A complete tool call of a logged exchange.</summary>
internal sealed record LoggedToolCall(string Id, string Name, string Arguments);

/// <summary>Token counts of a logged exchange: as the provider reported them, and the library's normalised output and cached-input counts.</summary>
internal sealed record LoggedUsage(
    int? PromptTokens,
    int? CompletionTokens,
    int? OutputTokens,
    int? ReasoningTokens,
    int? CachedTokens,
    int? CacheHitTokens,
    int? CacheMissTokens,
    int? TotalTokens);

/// <summary>Timings of a logged exchange, in milliseconds from the start of the request; tokens per second of the output.</summary>
internal sealed record LoggedTimings(
    double? FirstByteMs,
    double? FirstReasoningMs,
    double? FirstAnswerMs,
    double? ReasoningMs,
    double TotalMs,
    double? TokensPerSecond);

/// <summary>The log's own status for a row whose exchange has not ended (or whose process was killed).</summary>
internal static class LogStatus
{
    public const string Running = "running";
}
