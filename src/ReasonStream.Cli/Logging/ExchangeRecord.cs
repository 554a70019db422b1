using ReasonStream.Cli.Json;

namespace ReasonStream.Cli.Logging;

/// <summary>One exchange as the log keeps it (and as `reason logs --json` prints it). Never holds the API key.</summary>
internal sealed record ExchangeRecord
{
    public long Id { get; init; }
    public required string ConversationId { get; init; }
    public int Turn { get; init; }
    public required string StartedAt { get; init; }
    /// <summary><c>running</c>, <c>ok</c>, <c>error</c> or <c>interrupted</c>; for the last two the texts are the partial output.</summary>
    public string Status { get; init; } = ExchangeStatus.Running;
    public required string Provider { get; init; }
    public required string Model { get; init; }
    public required string BaseUrl { get; init; }
    public string? SystemPrompt { get; init; }
    public required string Prompt { get; init; }
    public string Reasoning { get; init; } = "";
    public string Answer { get; init; } = "";
    public IReadOnlyList<ToolCallJson> ToolCalls { get; init; } = [];
    public UsageJson? Usage { get; init; }
    public TimingsJson? Timings { get; init; }
    public string? FinishReason { get; init; }
    public bool Truncated { get; init; }
    public string? ErrorKind { get; init; }
    public string? ErrorMessage { get; init; }
    public int? ExitCode { get; init; }
}
