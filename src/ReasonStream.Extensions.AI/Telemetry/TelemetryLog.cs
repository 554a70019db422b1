using Microsoft.Extensions.Logging;

namespace ReasonStream.Extensions.AI;

/// <summary>The log events, as source-generated delegates. None of them carries message text unless sensitive data is enabled.</summary>
internal static partial class TelemetryLog
{
    [LoggerMessage(1, LogLevel.Debug, "Chat request to {Provider} for model {Model} started with {MessageCount} messages.")]
    public static partial void Started(ILogger logger, string provider, string model, int messageCount);

    [LoggerMessage(2, LogLevel.Debug, "First {ChunkKind} chunk after {ElapsedMilliseconds:F0} ms.")]
    public static partial void FirstChunk(ILogger logger, string chunkKind, double elapsedMilliseconds);

    [LoggerMessage(3, LogLevel.Information,
        "Chat response {ResponseId} from {ResponseModel} finished ({FinishReason}) in {ElapsedMilliseconds:F0} ms; tokens: {InputTokens} input, {OutputTokens} output, {ReasoningTokens} reasoning.")]
    public static partial void Finished(ILogger logger, string? responseId, string? responseModel, string finishReason, double elapsedMilliseconds, long? inputTokens, long? outputTokens, long? reasoningTokens);

    [LoggerMessage(4, LogLevel.Warning, "Chat request to {Provider} for model {Model} failed after {ElapsedMilliseconds:F0} ms ({ErrorType}).")]
    public static partial void Failed(ILogger logger, string provider, string model, double elapsedMilliseconds, string errorType, Exception exception);

    [LoggerMessage(5, LogLevel.Debug, "Chat stream for model {Model} was abandoned by its reader after {ElapsedMilliseconds:F0} ms.")]
    public static partial void Abandoned(ILogger logger, string model, double elapsedMilliseconds);

    [LoggerMessage(6, LogLevel.Trace, "Chat request messages: {Messages}")]
    public static partial void RequestMessages(ILogger logger, string messages);

    [LoggerMessage(7, LogLevel.Trace, "Chat response reasoning: {Reasoning} | answer: {Answer}")]
    public static partial void ResponseText(ILogger logger, string reasoning, string answer);
}
