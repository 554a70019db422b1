using System.Text;
using System.Text.Json;

namespace ReasonStream;

/// <summary>
/// Reads Gemini <c>streamGenerateContent</c> chunks: parts with <c>"thought": true</c> as reasoning, other text as
/// answer, <c>functionCall</c> parts (whole arguments, or Vertex's streamed <c>partialArgs</c>) with their thought
/// signatures, signatures on text parts, <c>finishReason</c> (STOP after function calls is <c>tool_calls</c>),
/// <c>usageMetadata</c>, blocked prompts and error objects. One pass with <see cref="Utf8JsonReader"/>.
/// </summary>
internal sealed class GeminiReader(ReasoningClientOptions options) : ProtocolReader(WireProtocol.GeminiGenerateContent, options)
{
    private readonly List<StreamUpdate> _none = [];
    private TokenUsage? _usage;
    private bool _usageSent;
    private bool _metadataSent;
    private int _calls;
    private PartialArguments? _partial;
    private string? _responseId;

    protected override void Read(string eventType, ReadOnlySpan<byte> data, List<StreamUpdate> output)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read()) throw Malformed("an event's data is empty", data, null);
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            // Without alt=sse (or from a proxy): the whole reply as one array of chunks.
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject) ReadChunk(ref reader, eventType, data, output);
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject) throw Malformed("an event's data is not a JSON object", data, null);
        ReadChunk(ref reader, eventType, data, output);
    }

    public override void Flush(List<StreamUpdate> output)
    {
        FinishPartialCall(output);
        SendUsage(output);
    }

    private void ReadChunk(ref Utf8JsonReader reader, string eventType, ReadOnlySpan<byte> data, List<StreamUpdate> output)
    {
        int metadataAt = output.Count;
        string? model = null;
        bool recognised = false, empty = true;
        string? finish = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            empty = false;
            if (reader.ValueTextEquals("candidates"u8))
            {
                recognised = true;
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject) finish = ReadCandidate(ref reader, data, output) ?? finish;
            }
            else if (reader.ValueTextEquals("usageMetadata"u8))
            {
                recognised = true;
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    _usage = UsageReader.Read(ref reader);
                }
                else reader.Skip();
            }
            else if (reader.ValueTextEquals("modelVersion"u8) && !_metadataSent)
            {
                recognised = true;
                reader.Read();
                model = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("responseId"u8))
            {
                recognised = true;
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) _responseId ??= reader.GetString();
            }
            else if (reader.ValueTextEquals("promptFeedback"u8))
            {
                recognised = true;
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject && BlockReason(ref reader) is { } reason)
                {
                    Error = new ProviderError($"Gemini blocked the prompt ({reason}); nothing was generated.", reason, null);
                }
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                recognised = true;
                int start = (int)reader.TokenStartIndex;
                reader.Read();
                reader.Skip();
                Error = ProviderError.TryRead(data) ?? new ProviderError(Encoding.UTF8.GetString(data[start..(int)reader.BytesConsumed]), null, null);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        if (!recognised && !Recognised && !empty) throw NotThisProtocol(eventType, data);
        Recognised |= recognised;
        if (!_metadataSent && (model is not null || _responseId is not null))
        {
            _metadataSent = true;
            output.Insert(metadataAt, new StreamMetadata(_responseId, model, null));
        }

        if (finish is not null)
        {
            FinishPartialCall(output);
            FinishReason = finish switch
            {
                "STOP" => _calls > 0 ? FinishReasons.ToolCalls : FinishReasons.Stop,
                "MAX_TOKENS" => FinishReasons.Length,
                "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY" or "IMAGE_PROHIBITED_CONTENT" => FinishReasons.ContentFilter,
                _ => finish,
            };
            SendUsage(output);
        }
    }

    private void SendUsage(List<StreamUpdate> output)
    {
        if (_usageSent || _usage is null) return;
        _usageSent = true;
        output.Add(new UsageUpdate(_usage));
    }

    /// <summary>Reads one candidate; returns its finish reason, if it has one.</summary>
    private string? ReadCandidate(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, List<StreamUpdate> output)
    {
        string? finish = null;
        var target = output;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                // Only the first candidate is streamed; others are read over.
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int index) && index != 0) target = _none;
            }
            else if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("parts"u8))
                    {
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.StartArray)
                        {
                            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject) ReadPart(ref reader, data, target);
                        }
                        else reader.Skip();
                    }
                    else SkipValue(ref reader);
                }
            }
            else if (reader.ValueTextEquals("finishReason"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && target == output) finish = reader.GetString();
            }
            else SkipValue(ref reader);
        }

        _none.Clear();
        return finish;
    }

    private void ReadPart(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, List<StreamUpdate> output)
    {
        string? text = null, signature = null;
        bool thought = false;
        Range call = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) text = reader.GetString();
            }
            else if (reader.ValueTextEquals("thought"u8))
            {
                reader.Read();
                thought = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("thoughtSignature"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) signature = reader.GetString();
            }
            else if (reader.ValueTextEquals("functionCall"u8))
            {
                reader.Read();
                int start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (reader.TokenType == JsonTokenType.EndObject) call = new Range(start, (int)reader.BytesConsumed);
            }
            else SkipValue(ref reader);
        }

        if (call.End.Value > 0)
        {
            FunctionCall(data[call], signature, output);
            return;
        }

        if (!string.IsNullOrEmpty(text)) output.Add(thought ? new ReasoningDelta(text) : new AnswerDelta(text));
        if (signature is not null) output.Add(new ReasoningBlockEnd(WireProtocol.GeminiGenerateContent) { Signature = signature });
    }

    private void FunctionCall(ReadOnlySpan<byte> json, string? signature, List<StreamUpdate> output)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var call = document.RootElement;
        string? name = Text(call, "name"), id = Text(call, "id");
        bool willContinue = call.TryGetProperty("willContinue", out var more) && more.ValueKind == JsonValueKind.True;
        bool hasPartial = call.TryGetProperty("partialArgs", out var partialArgs) && partialArgs.ValueKind == JsonValueKind.Array;

        if (name is not null)
        {
            FinishPartialCall(output);
            int ordinal = _calls++;
            string callId = id ?? GeminiWriter.MadeUpIdPrefix + (_responseId is null ? "" : _responseId + "-") + ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string arguments = call.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Object ? args.GetRawText() : "";
            output.Add(new ToolCallDelta(ordinal, callId, name, arguments) { Signature = signature });
            if (willContinue || hasPartial) _partial = new PartialArguments(ordinal);
            else if (arguments.Length == 0) output.Add(new ToolCallDelta(ordinal, null, null, "{}"));
        }

        // Vertex streams arguments as JSON-path pieces: assembled here, sent whole when the call ends.
        if (_partial is not null && hasPartial) _partial.Add(partialArgs);
        if (_partial is not null && name is null && !willContinue) FinishPartialCall(output);
    }

    private void FinishPartialCall(List<StreamUpdate> output)
    {
        if (_partial is not { } partial) return;
        _partial = null;
        output.Add(new ToolCallDelta(partial.Ordinal, null, null, partial.ToJson()));
    }

    private static string? BlockReason(ref Utf8JsonReader reader)
    {
        string? reason = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("blockReason"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) reason = reader.GetString();
            }
            else SkipValue(ref reader);
        }

        return reason;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
