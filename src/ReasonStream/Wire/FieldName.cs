using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ReasonStream;

/// <summary>The property names the chunk parser acts on.</summary>
internal enum Field : byte
{
    Other,
    Choices,
    Usage,
    XGroq,
    Type,
    Error,
    Id,
    Model,
    Provider,
    Message,
    Response,
    Thinking,
    Done,
    DoneReason,
    PromptEvalCount,
    EvalCount,
    Index,
    Delta,
    FinishReason,
    Content,
    ReasoningContent,
    Reasoning,
    ReasoningDetails,
    ToolCalls,
    Candidates,
    UsageMetadata,
    ModelVersion,
    ResponseId,
}

/// <summary>
/// Classifies a property name with one switch on its length and one comparison, instead of a chain of
/// comparisons per property: most names of a chunk are ones the parser skips, and they should cost little.
/// The classifiers per place in a chat chunk (<see cref="OfChunk(ref Utf8JsonReader)"/>, <see cref="OfChoice(ref Utf8JsonReader)"/>,
/// <see cref="OfDelta(ref Utf8JsonReader)"/>) know only the names the reader acts on there, so a name it skips
/// (<c>object</c>, <c>created</c>, <c>system_fingerprint</c>, <c>logprobs</c>) costs a length test and at most one comparison.
/// </summary>
internal static class FieldName
{
    private const int LongestEscapedName = 64;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Field Of(ref Utf8JsonReader reader) => reader.ValueIsEscaped ? Escaped(ref reader, Of) : Of(reader.ValueSpan);

    /// <summary>A name at a chunk's top level: only those <see cref="ChatCompletionsReader"/> acts on there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Field OfChunk(ref Utf8JsonReader reader) => reader.ValueIsEscaped ? Escaped(ref reader, OfChunk) : OfChunk(reader.ValueSpan);

    /// <summary>A name inside a choice.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Field OfChoice(ref Utf8JsonReader reader) => reader.ValueIsEscaped ? Escaped(ref reader, OfChoice) : OfChoice(reader.ValueSpan);

    /// <summary>A name inside a delta (or message).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Field OfDelta(ref Utf8JsonReader reader) => reader.ValueIsEscaped ? Escaped(ref reader, OfDelta) : OfDelta(reader.ValueSpan);

    public static Field OfChunk(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when name.SequenceEqual("id"u8) => Field.Id,
        5 when name.SequenceEqual("model"u8) => Field.Model,
        5 when name.SequenceEqual("usage"u8) => Field.Usage,
        5 when name.SequenceEqual("error"u8) => Field.Error,
        6 when name.SequenceEqual("x_groq"u8) => Field.XGroq,
        7 when name.SequenceEqual("choices"u8) => Field.Choices,
        8 when name.SequenceEqual("provider"u8) => Field.Provider,
        _ => Field.Other,
    };

    public static Field OfChoice(ReadOnlySpan<byte> name) => name.Length switch
    {
        5 when name.SequenceEqual("index"u8) => Field.Index,
        5 when name.SequenceEqual("delta"u8) => Field.Delta,
        7 when name.SequenceEqual("message"u8) => Field.Message,
        12 when name.SequenceEqual("finishReason"u8) => Field.FinishReason,
        13 when name.SequenceEqual("finish_reason"u8) => Field.FinishReason,
        _ => Field.Other,
    };

    public static Field OfDelta(ReadOnlySpan<byte> name) => name.Length switch
    {
        7 when name.SequenceEqual("content"u8) => Field.Content,
        8 when name.SequenceEqual("thinking"u8) => Field.Thinking,
        9 when name.SequenceEqual("reasoning"u8) => Field.Reasoning,
        10 when name.SequenceEqual("tool_calls"u8) => Field.ToolCalls,
        17 when name.SequenceEqual("reasoning_content"u8) => Field.ReasoningContent,
        17 when name.SequenceEqual("reasoning_details"u8) => Field.ReasoningDetails,
        _ => Field.Other,
    };

    public static Field Of(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when name.SequenceEqual("id"u8) => Field.Id,
        4 when name.SequenceEqual("type"u8) => Field.Type,
        4 when name.SequenceEqual("done"u8) => Field.Done,
        5 when name.SequenceEqual("delta"u8) => Field.Delta,
        5 when name.SequenceEqual("index"u8) => Field.Index,
        5 when name.SequenceEqual("usage"u8) => Field.Usage,
        5 when name.SequenceEqual("model"u8) => Field.Model,
        5 when name.SequenceEqual("error"u8) => Field.Error,
        6 when name.SequenceEqual("x_groq"u8) => Field.XGroq,
        7 when name.SequenceEqual("content"u8) => Field.Content,
        7 when name.SequenceEqual("choices"u8) => Field.Choices,
        7 when name.SequenceEqual("message"u8) => Field.Message,
        8 when name.SequenceEqual("provider"u8) => Field.Provider,
        8 when name.SequenceEqual("response"u8) => Field.Response,
        8 when name.SequenceEqual("thinking"u8) => Field.Thinking,
        9 when name.SequenceEqual("reasoning"u8) => Field.Reasoning,
        10 when name.SequenceEqual("tool_calls"u8) => Field.ToolCalls,
        10 when name.SequenceEqual("candidates"u8) => Field.Candidates,
        10 when name.SequenceEqual("responseId"u8) => Field.ResponseId,
        10 when name.SequenceEqual("eval_count"u8) => Field.EvalCount,
        11 when name.SequenceEqual("done_reason"u8) => Field.DoneReason,
        12 when name.SequenceEqual("finishReason"u8) => Field.FinishReason,
        12 when name.SequenceEqual("modelVersion"u8) => Field.ModelVersion,
        13 when name.SequenceEqual("finish_reason"u8) => Field.FinishReason,
        13 when name.SequenceEqual("usageMetadata"u8) => Field.UsageMetadata,
        17 when name.SequenceEqual("reasoning_content"u8) => Field.ReasoningContent,
        17 when name.SequenceEqual("reasoning_details"u8) => Field.ReasoningDetails,
        17 when name.SequenceEqual("prompt_eval_count"u8) => Field.PromptEvalCount,
        _ => Field.Other,
    };

    private delegate Field Classifier(ReadOnlySpan<byte> name);

    /// <summary>A name written with escapes (<c>"\u0063ontent"</c>): rare, so kept off the hot path and its stack frame.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Field Escaped(ref Utf8JsonReader reader, Classifier classify)
    {
        Span<byte> scratch = stackalloc byte[LongestEscapedName];
        return reader.ValueSpan.Length <= scratch.Length ? classify(scratch[..reader.CopyString(scratch)]) : Field.Other;
    }
}
