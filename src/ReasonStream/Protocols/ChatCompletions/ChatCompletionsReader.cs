using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace ReasonStream;

/// <summary>
/// Reads chat-completion chunks: the hot path. The bytes are read once with <see cref="Utf8JsonReader"/> — no
/// document, no LINQ, one string per text delta — and only chat-completions shapes are looked for: every
/// spelling of reasoning (<see cref="ReasoningDialect"/>), tool-call fragments, usage wherever it sits,
/// <c>{"error": …}</c> and <c>event: error</c> inside the stream, and a whole (non-streamed) reply.
/// </summary>
internal sealed class ChatCompletionsReader : ProtocolReader
{
    private readonly ThinkTagSplitter _content;
    private readonly List<ToolCallDelta> _toolCalls = [];
    private int _indexlessCalls;
    private bool _metadataSent;

    public ChatCompletionsReader(ReasoningClientOptions options)
        : base(WireProtocol.ChatCompletions, options)
    {
        _content = new ThinkTagSplitter(options.EffectiveDialect);
    }

    protected override void Read(string eventType, ReadOnlySpan<byte> data, List<StreamUpdate> output)
    {
        if (eventType == "error")
        {
            Error = ProviderError.TryRead(data) ?? new ProviderError(Encoding.UTF8.GetString(data), null, null);
            return;
        }

        if (UsesFastPath && CommonChunk.TryRead(data, _metadataSent, out var chunk))
        {
            Apply(chunk, output);
            return;
        }

        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw Malformed("an event's data is not a JSON object", data, null);
        }

        ParseTopLevel(ref reader, eventType, data, output);
    }

    /// <summary>
    /// Whether common chunks are read by <see cref="CommonChunk"/> (on by default). Off, every event goes through the
    /// full reader: the tests read the same streams both ways and require identical outcomes.
    /// </summary>
    public bool UsesFastPath { get; init; } = true;

    /// <summary>What the full reader does with a common chunk: <see cref="ParseChoice"/> and <see cref="ParseDelta"/> in short.</summary>
    private void Apply(in CommonChunk chunk, List<StreamUpdate> output)
    {
        Recognised = true;
        if (chunk.FinishReason is not null) FinishReason = chunk.FinishReason;
        string? thinking = !string.IsNullOrEmpty(chunk.ReasoningContent) ? chunk.ReasoningContent : chunk.Reasoning;
        if (!string.IsNullOrEmpty(thinking)) output.Add(new ReasoningDelta(thinking));
        if (!string.IsNullOrEmpty(chunk.Content)) _content.Feed(chunk.Content, output);
    }

    /// <summary>Releases text held back by the tag splitter (the stream ended).</summary>
    public override void Flush(List<StreamUpdate> output) => _content.Flush(output);

    private void ParseTopLevel(ref Utf8JsonReader reader, string eventType, ReadOnlySpan<byte> data, List<StreamUpdate> output)
    {
        int metadataAt = output.Count; // after this event's RawChunk, before its updates
        string? id = null, model = null, provider = null;
        int errorStart = -1, errorEnd = -1;
        bool recognised = false, empty = true;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            empty = false;
            Field field = FieldName.OfChunk(ref reader);
            reader.Read();
            switch (field)
            {
                case Field.Choices when reader.TokenType == JsonTokenType.StartArray:
                    recognised = true;
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject) ParseChoice(ref reader, data, output);
                    break;
                case Field.Usage when reader.TokenType == JsonTokenType.StartObject:
                    recognised = true;
                    output.Add(new UsageUpdate(UsageReader.Read(ref reader)));
                    break;
                case Field.XGroq:
                    recognised = true;
                    ParseGroqExtension(ref reader, output);
                    break;
                case Field.Error:
                    recognised = true;
                    errorStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    errorEnd = (int)reader.BytesConsumed;
                    break;
                case Field.Id when !_metadataSent && reader.TokenType == JsonTokenType.String:
                    id = reader.GetString();
                    break;
                case Field.Model when !_metadataSent && reader.TokenType == JsonTokenType.String:
                    model = reader.GetString();
                    break;
                case Field.Provider when !_metadataSent && reader.TokenType == JsonTokenType.String:
                    provider = reader.GetString();
                    break;
                default:
                    StepOver(ref reader);
                    break;
            }
        }

        if (!recognised && !Recognised && !empty) throw NotThisProtocol(eventType, data);
        Recognised |= recognised;

        if (!_metadataSent && (id is not null || model is not null))
        {
            _metadataSent = true;
            output.Insert(metadataAt, new StreamMetadata(id, model, provider));
        }

        if (_toolCalls.Count > 0) FlushToolCalls(output);

        if (errorStart >= 0)
        {
            var errorJson = data[errorStart..errorEnd];
            if (!errorJson.SequenceEqual("null"u8))
            {
                Error = ProviderError.TryRead(data) ?? new ProviderError(Encoding.UTF8.GetString(errorJson), null, null);
            }
        }
    }

    private void ParseChoice(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, List<StreamUpdate> output)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            Field field = FieldName.OfChoice(ref reader);
            reader.Read();
            switch (field)
            {
                case Field.Index when reader.TokenType == JsonTokenType.Number && !IsZero(ref reader) && reader.TryGetInt32(out int index) && index != 0:
                    // Only the first choice is streamed; n > 1 is not supported.
                    SkipRestOfObject(ref reader);
                    return;
                case Field.Delta or Field.Message when reader.TokenType == JsonTokenType.StartObject:
                    ParseDelta(ref reader, data, output);
                    break;
                case Field.FinishReason when reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0:
                    FinishReason = reader.GetString();
                    break;
                default:
                    StepOver(ref reader);
                    break;
            }
        }
    }

    private void ParseDelta(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, List<StreamUpdate> output)
    {
        string? content = null, reasoningContent = null, reasoning = null, detailsText = null, details = null;
        List<StreamUpdate>? parts = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            Field field = FieldName.OfDelta(ref reader);
            reader.Read();
            switch (field)
            {
                case Field.Content when reader.TokenType == JsonTokenType.String:
                    content = reader.GetString();
                    break;
                case Field.Content when reader.TokenType == JsonTokenType.StartArray:
                    ParseContentParts(ref reader, parts ??= []);
                    break;
                case Field.ReasoningContent when reader.TokenType == JsonTokenType.String:
                    reasoningContent = reader.GetString();
                    break;
                case Field.Reasoning or Field.Thinking when reader.TokenType == JsonTokenType.String:
                    reasoning = reader.GetString();
                    break;
                case Field.ReasoningDetails when reader.TokenType == JsonTokenType.StartArray:
                    (details, detailsText) = ReadReasoningDetails(ref reader, data);
                    break;
                case Field.ToolCalls when reader.TokenType == JsonTokenType.StartArray:
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject) _toolCalls.Add(ReadToolCall(ref reader, data, ref _indexlessCalls));
                    break;
                default:
                    StepOver(ref reader);
                    break;
            }
        }

        // A server may spell the same reasoning twice in one delta (vLLM: reasoning + reasoning_content;
        // OpenRouter: reasoning + reasoning_details): count it once.
        string? thinking = !string.IsNullOrEmpty(reasoningContent) ? reasoningContent
            : !string.IsNullOrEmpty(reasoning) ? reasoning
            : detailsText;
        if (!string.IsNullOrEmpty(thinking)) output.Add(new ReasoningDelta(thinking));
        if (details is not null) output.Add(new ReasoningDetailsDelta(details));
        if (parts is not null)
        {
            foreach (var part in parts)
            {
                if (part is AnswerDelta answer) _content.Feed(answer.Text, output);
                else output.Add(part);
            }
        }

        if (!string.IsNullOrEmpty(content)) _content.Feed(content, output);
    }

    private static void ParseContentParts(ref Utf8JsonReader reader, List<StreamUpdate> parts)
    {
        // Mistral: [{"type":"thinking","thinking":[{"type":"text","text":"…"}]}, {"type":"text","text":"…"}]
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                if (reader.GetString() is { Length: > 0 } bare) parts.Add(new AnswerDelta(bare));
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            bool isThinking = false;
            var texts = new List<string>(1);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    isThinking = reader.ValueTextEquals("thinking"u8) || reader.ValueTextEquals("reasoning"u8);
                }
                else if (reader.ValueTextEquals("text"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } text) texts.Add(text);
                }
                else if (reader.ValueTextEquals("thinking"u8))
                {
                    reader.Read();
                    isThinking = true;
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        if (reader.GetString() is { Length: > 0 } text) texts.Add(text);
                    }
                    else if (reader.TokenType == JsonTokenType.StartArray) CollectTexts(ref reader, texts);
                    else reader.Skip();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            foreach (var text in texts) parts.Add(isThinking ? new ReasoningDelta(text) : new AnswerDelta(text));
        }
    }

    private static void CollectTexts(ref Utf8JsonReader reader, List<string> texts)
    {
        int depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } text) texts.Add(text);
            }
        }
    }

    private static (string? Raw, string? Text) ReadReasoningDetails(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        int depth = reader.CurrentDepth;
        int start = (int)reader.TokenStartIndex;
        string? text = null;
        bool any = false;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == depth + 1) any = true;
            if (reader.CurrentDepth == depth + 2 && reader.TokenType == JsonTokenType.PropertyName &&
                (reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("summary"u8)))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } piece) text = text is null ? piece : text + piece;
            }
        }

        // The reader now stands on the array's end: everything from its start is the raw array.
        return any ? (Encoding.UTF8.GetString(data[start..(int)reader.BytesConsumed]), text) : (null, null);
    }

    private static ToolCallDelta ReadToolCall(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, ref int indexlessCalls)
    {
        int? index = null;
        string? id = null, name = null, arguments = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            Field field = FieldName.Of(ref reader);
            bool isFunction = field == Field.Other && reader.ValueTextEquals("function"u8);
            reader.Read();
            if (field == Field.Index && reader.TokenType == JsonTokenType.Number)
            {
                index = reader.TryGetInt32(out int i) && i >= 0 ? i : throw new JsonException("tool call index out of range");
            }
            else if (field == Field.Id && reader.TokenType == JsonTokenType.String)
            {
                id = reader.GetString();
            }
            else if (isFunction && reader.TokenType == JsonTokenType.StartObject)
            {
                (name, arguments) = ReadFunction(ref reader, data);
            }
            else
            {
                reader.Skip();
            }
        }

        if (index is null)
        {
            // No index (Ollama's native API, some proxies): a fragment naming a call starts the next one,
            // one with only arguments continues the last.
            if (id is not null || name is not null || indexlessCalls == 0) indexlessCalls++;
            index = indexlessCalls - 1;
        }

        return new ToolCallDelta(index.Value, id, name, arguments ?? "");
    }

    private static (string? Name, string? Arguments) ReadFunction(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        string? name = null, arguments = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isName = reader.ValueTextEquals("name"u8);
            bool isArguments = !isName && reader.ValueTextEquals("arguments"u8);
            reader.Read();
            if (isName && reader.TokenType == JsonTokenType.String)
            {
                name = reader.GetString();
            }
            else if (isArguments && reader.TokenType == JsonTokenType.String)
            {
                arguments = reader.GetString();
            }
            else if (isArguments && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                // Ollama's native API sends the arguments as a JSON object: keep its text.
                int start = (int)reader.TokenStartIndex;
                reader.Skip();
                arguments = Encoding.UTF8.GetString(data[start..(int)reader.BytesConsumed]);
            }
            else
            {
                reader.Skip();
            }
        }

        return (name, arguments);
    }

    private static void ParseGroqExtension(ref Utf8JsonReader reader, List<StreamUpdate> output)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject) output.Add(new UsageUpdate(UsageReader.Read(ref reader)));
                else reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private void FlushToolCalls(List<StreamUpdate> output)
    {
        if (_toolCalls.Count == 0) return;
        foreach (var call in _toolCalls)
        {
            // Empty fragments (no id, no name, no arguments) carry nothing and must not split the output.
            if (call.Id is null && call.Name is null && call.ArgumentsFragment.Length == 0) continue;
            output.Add(call);
        }

        _toolCalls.Clear();
    }

    /// <summary>Steps over the value the reader stands on; a string, number or literal is already read, so only a container costs anything.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StepOver(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
    }

    /// <summary>The number the reader stands on is written <c>0</c> (the index of nearly every choice): no parsing needed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsZero(ref Utf8JsonReader reader) => reader.ValueSpan is [(byte)'0'];

    private static void SkipRestOfObject(ref Utf8JsonReader reader)
    {
        int depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth - 1))
        {
        }
    }
}
