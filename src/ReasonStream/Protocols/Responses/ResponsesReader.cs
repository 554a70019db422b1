using System.Text;
using System.Text.Json;

namespace ReasonStream;

/// <summary>
/// Reads Responses API events (<c>response.reasoning_summary_text.delta</c>, <c>response.reasoning_text.delta</c>,
/// <c>response.output_text.delta</c>, function calls, <c>response.completed</c> / <c>incomplete</c> / <c>failed</c>,
/// <c>error</c>). Deltas are read in one pass with <see cref="Utf8JsonReader"/>; the few item and response events
/// are read as documents. Reasoning items are kept whole (encrypted content included) to be passed back.
/// </summary>
internal sealed class ResponsesReader(ReasoningClientOptions options) : ProtocolReader(WireProtocol.Responses, options)
{
    private readonly ThinkTagSplitter _content = new(options.EffectiveDialect);
    private readonly List<CallState> _calls = [];
    private readonly HashSet<string> _finishedIds = new(StringComparer.Ordinal);
    private readonly HashSet<int> _finishedIndexes = [];
    private bool _metadataSent;
    private bool _anyReasoning;
    private bool _reasoningInItem;
    private bool _answerInItem;

    private enum Kind
    {
        Unknown,
        OtherResponseEvent,
        OutputTextDelta,
        ReasoningDelta,
        ArgumentsDelta,
        ArgumentsDone,
        RefusalDelta,
        SummaryPartAdded,
        ItemAdded,
        ItemDone,
        Created,
        Completed,
        Incomplete,
        Failed,
        Error,
    }

    protected override void Read(string eventType, ReadOnlySpan<byte> data, List<StreamUpdate> output)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw Malformed("an event's data is not a JSON object", data, null);

        Kind kind = Kind.Unknown;
        string? delta = null, arguments = null;
        int outputIndex = -1, summaryIndex = 0;
        Range item = default, response = default;
        bool wholeResponse = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) kind = Classify(reader.ValueSpan);
            }
            else if (reader.ValueTextEquals("object"u8))
            {
                reader.Read();
                wholeResponse = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("response"u8);
            }
            else if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) delta = reader.GetString();
                else reader.Skip();
            }
            else if (reader.ValueTextEquals("output_index"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int index)) outputIndex = index;
            }
            else if (reader.ValueTextEquals("summary_index"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int index)) summaryIndex = index;
            }
            else if (reader.ValueTextEquals("item"u8) || reader.ValueTextEquals("response"u8))
            {
                bool isItem = reader.ValueTextEquals("item"u8);
                reader.Read();
                int start = (int)reader.TokenStartIndex;
                reader.Skip();
                var span = new Range(start, (int)reader.BytesConsumed);
                if (isItem) item = span;
                else response = span;
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) arguments = reader.GetString();
                else reader.Skip();
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        if (kind == Kind.Unknown && eventType == "error") kind = Kind.Error;
        if (kind == Kind.Unknown && wholeResponse)
        {
            Recognised = true;
            WholeResponse(data, output);
            return;
        }

        if (kind == Kind.Unknown)
        {
            if (!Recognised) throw NotThisProtocol(eventType, data);
            return;
        }

        Recognised = true;
        switch (kind)
        {
            case Kind.ReasoningDelta when !string.IsNullOrEmpty(delta):
                Reasoning(delta, output);
                break;
            case Kind.OutputTextDelta or Kind.RefusalDelta when !string.IsNullOrEmpty(delta):
                _answerInItem = true;
                _content.Feed(delta, output);
                break;
            case Kind.SummaryPartAdded when summaryIndex > 0:
                output.Add(new ReasoningDelta("\n\n")); // summary parts are paragraphs of their own
                break;
            case Kind.ArgumentsDelta when !string.IsNullOrEmpty(delta):
                if (CallAt(outputIndex) is { } call)
                {
                    call.SawArguments = true;
                    output.Add(new ToolCallDelta(call.Ordinal, null, null, delta));
                }

                break;
            case Kind.ArgumentsDone when arguments is not null:
                if (CallAt(outputIndex) is { SawArguments: false } quiet)
                {
                    quiet.SawArguments = true;
                    output.Add(new ToolCallDelta(quiet.Ordinal, null, null, arguments));
                }

                break;
            case Kind.ItemAdded when item.End.Value > 0:
                ItemAdded(data[item], outputIndex, output);
                break;
            case Kind.ItemDone when item.End.Value > 0:
                ItemDone(data[item], outputIndex, output);
                break;
            case Kind.Created when response.End.Value > 0 && !_metadataSent:
                Metadata(data[response], output);
                break;
            case Kind.Completed or Kind.Incomplete:
                if (response.End.Value > 0) Finished(data[response], kind == Kind.Incomplete, output);
                else FinishReason = kind == Kind.Incomplete ? FinishReasons.Length : _calls.Count > 0 ? FinishReasons.ToolCalls : FinishReasons.Stop;
                Done = true;
                break;
            case Kind.Failed or Kind.Error:
                Error = ProviderError.TryRead(data) ?? new ProviderError(Encoding.UTF8.GetString(data), null, null);
                break;
        }
    }

    public override void Flush(List<StreamUpdate> output) => _content.Flush(output);

    private static Kind Classify(ReadOnlySpan<byte> type)
    {
        if (!type.StartsWith("response."u8)) return type.SequenceEqual("error"u8) ? Kind.Error : Kind.Unknown;
        var rest = type["response."u8.Length..];
        if (rest.SequenceEqual("output_text.delta"u8)) return Kind.OutputTextDelta;
        if (rest.SequenceEqual("reasoning_summary_text.delta"u8) || rest.SequenceEqual("reasoning_text.delta"u8)) return Kind.ReasoningDelta;
        if (rest.SequenceEqual("function_call_arguments.delta"u8)) return Kind.ArgumentsDelta;
        if (rest.SequenceEqual("function_call_arguments.done"u8)) return Kind.ArgumentsDone;
        if (rest.SequenceEqual("refusal.delta"u8)) return Kind.RefusalDelta;
        if (rest.SequenceEqual("reasoning_summary_part.added"u8)) return Kind.SummaryPartAdded;
        if (rest.SequenceEqual("output_item.added"u8)) return Kind.ItemAdded;
        if (rest.SequenceEqual("output_item.done"u8)) return Kind.ItemDone;
        if (rest.SequenceEqual("created"u8) || rest.SequenceEqual("in_progress"u8)) return Kind.Created;
        if (rest.SequenceEqual("completed"u8) || rest.SequenceEqual("done"u8)) return Kind.Completed;
        if (rest.SequenceEqual("incomplete"u8)) return Kind.Incomplete;
        if (rest.SequenceEqual("failed"u8)) return Kind.Failed;
        return Kind.OtherResponseEvent;
    }

    private void Reasoning(string text, List<StreamUpdate> output)
    {
        // A second reasoning item is a paragraph of its own.
        if (!_reasoningInItem && _anyReasoning) output.Add(new ReasoningDelta("\n\n"));
        _reasoningInItem = true;
        _anyReasoning = true;
        output.Add(new ReasoningDelta(text));
    }

    private CallState? CallAt(int outputIndex)
    {
        foreach (var call in _calls)
        {
            if (call.OutputIndex == outputIndex) return call;
        }

        return _calls.Count > 0 && outputIndex < 0 ? _calls[^1] : null;
    }

    private void ItemAdded(ReadOnlySpan<byte> json, int outputIndex, List<StreamUpdate> output)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var item = document.RootElement;
        switch (Text(item, "type"))
        {
            case "function_call":
                AddCall(item, outputIndex, output);
                break;
            case "reasoning":
                _reasoningInItem = false;
                break;
            case "message":
                _answerInItem = false;
                break;
        }
    }

    private CallState AddCall(JsonElement item, int outputIndex, List<StreamUpdate> output)
    {
        var call = new CallState(_calls.Count, outputIndex);
        _calls.Add(call);
        string arguments = Text(item, "arguments") ?? "";
        call.SawArguments = arguments.Length > 0;
        output.Add(new ToolCallDelta(call.Ordinal, Text(item, "call_id") ?? Text(item, "id"), Text(item, "name"), arguments));
        return call;
    }

    private void ItemDone(ReadOnlySpan<byte> json, int outputIndex, List<StreamUpdate> output)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var item = document.RootElement;
        // Known by place and by id: some servers give their items no id.
        if (outputIndex >= 0) _finishedIndexes.Add(outputIndex);
        if (Text(item, "id") is { } id) _finishedIds.Add(id);
        switch (Text(item, "type"))
        {
            case "reasoning":
                if (!_reasoningInItem && Joined(item, "summary") is { Length: > 0 } summary) Reasoning(summary, output);
                else if (!_reasoningInItem && Joined(item, "content") is { Length: > 0 } content) Reasoning(content, output);
                output.Add(new ReasoningBlockEnd(WireProtocol.Responses)
                {
                    EncryptedContent = Text(item, "encrypted_content"),
                    ItemJson = Encoding.UTF8.GetString(json),
                });
                _reasoningInItem = false;
                break;
            case "function_call":
                var call = CallAt(outputIndex) ?? AddCall(item, outputIndex, output);
                if (!call.SawArguments && Text(item, "arguments") is { Length: > 0 } arguments)
                {
                    call.SawArguments = true;
                    output.Add(new ToolCallDelta(call.Ordinal, null, null, arguments));
                }

                break;
            case "message":
                if (!_answerInItem && Joined(item, "content") is { Length: > 0 } text) _content.Feed(text, output);
                _answerInItem = false;
                break;
        }
    }

    private void Metadata(ReadOnlySpan<byte> json, List<StreamUpdate> output)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        _metadataSent = true;
        output.Add(new StreamMetadata(Text(document.RootElement, "id"), Text(document.RootElement, "model"), null));
    }

    private void Finished(ReadOnlySpan<byte> json, bool incomplete, List<StreamUpdate> output)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var response = document.RootElement;
        if (!_metadataSent) Metadata(json, output);

        // A server that streamed no item events still lists the output here: read what was not seen.
        if (response.TryGetProperty("output", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            int index = 0;
            foreach (var item in items.EnumerateArray())
            {
                if (!_finishedIndexes.Contains(index) && (Text(item, "id") is not { } id || !_finishedIds.Contains(id)))
                {
                    if (Text(item, "type") == "function_call" && CallAt(index) is null) AddCall(item, index, output);
                    else ItemDone(Encoding.UTF8.GetBytes(item.GetRawText()), index, output);
                }

                index++;
            }
        }

        if (response.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object) output.Add(new UsageUpdate(UsageReader.Read(usage)));
        FinishReason = !incomplete ? (_calls.Count > 0 ? FinishReasons.ToolCalls : FinishReasons.Stop)
            : response.TryGetProperty("incomplete_details", out var details) && Text(details, "reason") is { } why ? FinishReasons.Normalize(why)
            : FinishReasons.Length;
    }

    /// <summary>
    /// A whole response object instead of events (a server or proxy that ignored <c>stream: true</c>): its output read
    /// as a stream that sent only the final event would be, then the end.
    /// </summary>
    private void WholeResponse(ReadOnlySpan<byte> json, List<StreamUpdate> output)
    {
        using (var document = JsonDocument.Parse(json.ToArray()))
        {
            if (Text(document.RootElement, "status") == "failed")
            {
                Error = document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                    ? new ProviderError(Text(error, "message"), Text(error, "code"), null)
                    : new ProviderError("The response failed.", null, null);
                return;
            }

            string? status = Text(document.RootElement, "status");
            if (status is "queued" or "in_progress" or "cancelled")
            {
                // A background response (or one cancelled): not an answer, and nothing here will ever complete it.
                throw Malformed($"the server answered with a response object whose status is '{status}' instead of a stream or a finished reply", json, null);
            }

            Finished(json, status == "incomplete", output);
        }

        Done = true;
    }

    /// <summary>The texts of an item's <c>summary</c> or <c>content</c> parts, joined as paragraphs.</summary>
    private static string? Joined(JsonElement item, string property)
    {
        if (!item.TryGetProperty(property, out var parts) || parts.ValueKind != JsonValueKind.Array) return null;
        string? text = null;
        foreach (var part in parts.EnumerateArray())
        {
            if (Text(part, "text") is not { Length: > 0 } piece) continue;
            text = text is null ? piece : text + "\n\n" + piece;
        }

        return text;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed class CallState(int ordinal, int outputIndex)
    {
        public int Ordinal { get; } = ordinal;

        public int OutputIndex { get; } = outputIndex;

        public bool SawArguments { get; set; }
    }
}
