namespace ReasonStream.Cli.Json;

// The NDJSON vocabulary of `reason --json`, one record per line type. Property order is the order on the wire;
// names are snake_case. The schema is documented in docs/cli.md: change both together.

internal sealed record StartEvent(string Type, int Status, string? RequestId);

internal sealed record MetadataEvent(string Type, string? ResponseId, string? Model, string? Provider);

internal sealed record TextEvent(string Type, string Text);

/// <summary>A block of reasoning ended (with a signature or encrypted data the provider wants back); <c>redacted</c>: the provider hid it.</summary>
internal sealed record ReasoningBlockEvent(string Type, string Protocol, bool Redacted);

internal sealed record ToolCallEvent(string Type, int Index, string? Id, string? Name, string Arguments);

internal sealed record UsageEvent(string Type, UsageJson Usage);

internal sealed record FinishEvent(string Type, string FinishReason, bool Truncated);

/// <summary>
/// Token counts: as the provider reported them (<c>completion_tokens</c> counts reasoning or not, by provider), and the library's
/// normalised <c>output_tokens</c> (always with the reasoning) and <c>cached_tokens</c> (whichever field the provider uses).
/// </summary>
internal sealed record UsageJson(
    int? PromptTokens,
    int? CompletionTokens,
    int? OutputTokens,
    int? ReasoningTokens,
    int? CachedTokens,
    int? CacheHitTokens,
    int? CacheMissTokens,
    int? TotalTokens);

internal sealed record TimingsJson(
    double? FirstByteMs,
    double? FirstReasoningMs,
    double? FirstAnswerMs,
    double? ReasoningMs,
    double TotalMs,
    double? TokensPerSecond);

internal sealed record ToolCallJson(string Id, string Name, string Arguments);

/// <summary>`reason config --json`: where the files are, and the config file's values.</summary>
internal sealed record ConfigJson(
    string ConfigFile,
    bool ConfigFileExists,
    string LogDatabase,
    string? Provider,
    string? Model,
    string? BaseUrl,
    string? Api,
    string? ApiKeyEnv,
    string? Effort,
    double? Timeout,
    string? Reasoning,
    bool? Markdown);

internal sealed record ErrorJson(string Kind, string Message, string? Hint, int ExitCode, int? HttpStatus);

internal sealed record SummaryEvent(
    string Type,
    string Status,
    string Provider,
    string Model,
    string? ServedBy,
    string? ConversationId,
    int? Turn,
    long? LogId,
    string Reasoning,
    string Answer,
    IReadOnlyList<ToolCallJson> ToolCalls,
    UsageJson? Usage,
    TimingsJson Timings,
    string? FinishReason,
    bool Truncated,
    bool ReasoningExhaustedBudget,
    ErrorJson? Error);
