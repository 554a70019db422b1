namespace ReasonStream.AspNetCore;

/// <summary>A finished exchange as archived: the question, the thinking, the answer and how it ended.</summary>
[System.Diagnostics.CodeAnalysis.Experimental(RelayDiagnostics.ArchiveExperiment)]
public sealed record ArchivedExchange
{
    /// <summary>The stream id the relay returned when the exchange started.</summary>
    public required string StreamId { get; init; }

    /// <summary>The conversation it belongs to, if any (<see cref="RelayRequest.ConversationId"/>).</summary>
    public string? ConversationId { get; init; }

    /// <summary>The question (<see cref="RelayRequest.Prompt"/>).</summary>
    public string Prompt { get; init; } = "";

    /// <summary>The reasoning, joined.</summary>
    public string Reasoning { get; init; } = "";

    /// <summary>The answer, joined.</summary>
    public string Answer { get; init; } = "";

    /// <summary>The complete tool calls.</summary>
    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];

    /// <summary>Token usage, when the provider reported it.</summary>
    public TokenUsage? Usage { get; init; }

    /// <summary>The finish reason of a stream that finished (<c>stop</c>, <c>length</c>, …); null when it ended in an error.</summary>
    public string? FinishReason { get; init; }

    /// <summary>The <c>kind</c> of the error event that ended the stream, or null.</summary>
    public string? ErrorKind { get; init; }

    /// <summary>The message of the error event that ended the stream, or null.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The model that served the request, when the provider named it.</summary>
    public string? Model { get; init; }

    /// <summary>When the stream started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When its last event was stored.</summary>
    public DateTimeOffset FinishedAt { get; init; }

    /// <summary>How long the model thought (from the start to its first answer or tool call), when it did.</summary>
    public TimeSpan? ReasoningDuration { get; init; }
}
