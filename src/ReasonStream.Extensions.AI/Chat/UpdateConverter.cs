using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ReasonStream.Extensions.AI;

/// <summary>
/// Turns one stream's <see cref="StreamUpdate"/>s into <see cref="ChatResponseUpdate"/>s: reasoning and answer as they
/// arrive; tool calls (complete, arguments parsed), OpenRouter reasoning details, usage and the finish reason once,
/// at the end. Not thread-safe: one instance per stream.
/// </summary>
internal sealed class UpdateConverter
{
    private readonly ChatAccumulator _accumulator = new();
    private readonly DateTimeOffset _createdAt = DateTimeOffset.UtcNow;
    private string? _responseId;
    private string? _model;
    private string? _messageId;

    /// <summary>The update for the caller, or null when this one only feeds the end of the stream.</summary>
    public ChatResponseUpdate? Convert(StreamUpdate update)
    {
        _accumulator.Add(update);
        switch (update)
        {
            case StreamMetadata metadata:
                _responseId ??= metadata.ResponseId;
                _model ??= metadata.Model;
                return null;
            case ReasoningDelta reasoning:
                return Create([new TextReasoningContent(reasoning.Text)], update);
            case AnswerDelta answer:
                return Create([new TextContent(answer.Text)], update);
            case ReasoningBlockEnd:
                // Closes the block: ToChatResponse merges the block's text with this protected data into one content.
                var block = _accumulator.ReasoningBlocks[^1];
                return Create([new TextReasoningContent("") { ProtectedData = ProtectedReasoning.Encode(block), RawRepresentation = block }], update);
            case StreamFinished finished:
                return Final(finished);
            default:
                return null;
        }
    }

    private ChatResponseUpdate Final(StreamFinished finished)
    {
        var result = _accumulator.ToResult();
        var contents = new List<AIContent>();
        for (int i = 0; i < result.ToolCalls.Count; i++) contents.Add(ToFunctionCall(result.ToolCalls[i], i));

        // Opaque, provider-specific, to be passed back unchanged: exactly what ProtectedData is for.
        if (result.ReasoningDetails is { } details) contents.Add(new TextReasoningContent("") { ProtectedData = details });
        if (result.Usage is { } usage) contents.Add(new UsageContent(UsageConverter.ToDetails(usage)));

        var update = Create(contents, finished);
        update.FinishReason = FinishReasonOf(finished.FinishReason);
        return update;
    }

    private ChatResponseUpdate Create(IList<AIContent> contents, StreamUpdate raw)
    {
        // One stable message id per response, so ToChatResponse keeps each response's message whole and apart.
        _messageId ??= _responseId ?? "rs-" + Guid.NewGuid().ToString("N");
        return new ChatResponseUpdate(ChatRole.Assistant, contents)
        {
            ResponseId = _responseId,
            MessageId = _messageId,
            ModelId = _model,
            CreatedAt = _createdAt,
            RawRepresentation = raw,
        };
    }

    private static FunctionCallContent ToFunctionCall(ToolCall call, int index)
    {
        string id = call.Id.Length > 0 ? call.Id : $"call_{index}";
        string arguments = string.IsNullOrWhiteSpace(call.Arguments) ? "{}" : call.Arguments;
        var content = FunctionCallContent.CreateFromParsedArguments(arguments, id, call.Name, ParseArguments);

        // Kept so the exact argument text goes back to the provider in the next request.
        content.RawRepresentation = call with { Id = id };
        // Gemini's signature must go back with the call, and only to where it came from; kept where serialized histories keep it too.
        if (call.Signature is { } signature)
        {
            var properties = content.AdditionalProperties ??= [];
            properties[ThoughtSignatureKey] = signature;
            if (call.Origin is { } origin) properties[OriginKey] = origin;
        }

        return content;
    }

    /// <summary>The <see cref="AIContent.AdditionalProperties"/> key of a function call's Gemini thought signature.</summary>
    internal const string ThoughtSignatureKey = "thought_signature";

    /// <summary>The key of the <see cref="ReasoningClientOptions.ReasoningOrigin"/> a signed call came from.</summary>
    internal const string OriginKey = "reasonstream_origin";

    private static IDictionary<string, object?>? ParseArguments(string json) =>
        (IDictionary<string, object?>?)JsonSerializer.Deserialize(json, AdapterJson.ArgumentsInfo);

    private static ChatFinishReason? FinishReasonOf(string reason) => reason switch
    {
        FinishReasons.Stop => ChatFinishReason.Stop,
        FinishReasons.Length => ChatFinishReason.Length,
        FinishReasons.ToolCalls => ChatFinishReason.ToolCalls,
        FinishReasons.ContentFilter => ChatFinishReason.ContentFilter,
        FinishReasons.Unknown => null,
        _ => new ChatFinishReason(reason),
    };
}
