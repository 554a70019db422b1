using System.Text;
using System.Text.Json;

namespace ReasonStream;

/// <summary>
/// Reads Anthropic Messages events: <c>thinking_delta</c> as reasoning, <c>text_delta</c> as answer, <c>tool_use</c>
/// blocks with <c>input_json_delta</c>, each thinking block's signature and each <c>redacted_thinking</c> block kept
/// to be passed back, <c>message_delta</c>'s stop reason and usage, <c>error</c> events. Deltas are read in one pass
/// with <see cref="Utf8JsonReader"/>; block starts and the message are rare and read as documents.
/// </summary>
internal sealed class AnthropicReader(ReasoningClientOptions options) : ProtocolReader(WireProtocol.AnthropicMessages, options)
{
    private readonly List<Block?> _blocks = [];
    private string? _leadingSpace;
    private bool _answerStarted;
    private int _toolCalls;
    private bool _metadataSent;

    private enum Kind
    {
        Unknown,
        Other,
        BlockDelta,
        BlockStart,
        BlockStop,
        MessageStart,
        MessageDelta,
        MessageStop,
        WholeMessage,
        Error,
    }

    private enum BlockKind
    {
        Other,
        Thinking,
        ToolUse,
    }

    protected override void Read(string eventType, ReadOnlySpan<byte> data, List<StreamUpdate> output)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw Malformed("an event's data is not a JSON object", data, null);

        Kind kind = Kind.Unknown;
        int index = -1;
        string? deltaType = null, deltaText = null, stopReason = null;
        Range block = default, message = default, usage = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) kind = Classify(reader.ValueSpan);
            }
            else if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int i) && i >= 0) index = i;
            }
            else if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject) ReadDelta(ref reader, out deltaType, out deltaText, out stopReason);
                else reader.Skip();
            }
            else if (reader.ValueTextEquals("content_block"u8)) block = Span(ref reader);
            else if (reader.ValueTextEquals("message"u8)) message = Span(ref reader);
            else if (reader.ValueTextEquals("usage"u8)) usage = Span(ref reader);
            else SkipValue(ref reader);
        }

        if (kind == Kind.Unknown && eventType == "error") kind = Kind.Error;
        if (kind == Kind.Unknown)
        {
            if (!Recognised) throw NotThisProtocol(eventType, data);
            return;
        }

        Recognised = true;
        switch (kind)
        {
            case Kind.BlockDelta:
                Delta(index, deltaType, deltaText, output);
                break;
            case Kind.BlockStart when block.End.Value > 0:
                Start(index, data[block], output);
                break;
            case Kind.BlockStop:
                Stop(index, output);
                break;
            case Kind.MessageStart when message.End.Value > 0:
                MessageStarted(data[message], output);
                break;
            case Kind.MessageDelta:
                if (stopReason is not null) FinishReason = FinishReasons.Normalize(stopReason);
                if (usage.End.Value > 0) output.Add(new UsageUpdate(Usage(data[usage])));
                break;
            case Kind.MessageStop:
                Done = true;
                break;
            case Kind.WholeMessage:
                WholeMessage(data, output);
                break;
            case Kind.Error:
                Error = ProviderError.TryRead(data) ?? new ProviderError(Encoding.UTF8.GetString(data), null, null);
                break;
        }
    }

    private static Kind Classify(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("content_block_delta"u8) ? Kind.BlockDelta
        : type.SequenceEqual("content_block_start"u8) ? Kind.BlockStart
        : type.SequenceEqual("content_block_stop"u8) ? Kind.BlockStop
        : type.SequenceEqual("message_start"u8) ? Kind.MessageStart
        : type.SequenceEqual("message_delta"u8) ? Kind.MessageDelta
        : type.SequenceEqual("message_stop"u8) ? Kind.MessageStop
        : type.SequenceEqual("error"u8) ? Kind.Error
        : type.SequenceEqual("ping"u8) ? Kind.Other
        : type.SequenceEqual("message"u8) ? Kind.WholeMessage
        : Kind.Unknown;

    private static Range Span(ref Utf8JsonReader reader)
    {
        reader.Read();
        int start = (int)reader.TokenStartIndex;
        reader.Skip();
        return reader.TokenType is JsonTokenType.EndObject ? new Range(start, (int)reader.BytesConsumed) : default;
    }

    private static void ReadDelta(ref Utf8JsonReader reader, out string? type, out string? text, out string? stopReason)
    {
        type = text = stopReason = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isType = reader.ValueTextEquals("type"u8);
            bool isText = !isType && (reader.ValueTextEquals("thinking"u8) || reader.ValueTextEquals("text"u8) ||
                reader.ValueTextEquals("partial_json"u8) || reader.ValueTextEquals("signature"u8));
            bool isStop = !isType && !isText && reader.ValueTextEquals("stop_reason"u8);
            reader.Read();
            if (reader.TokenType == JsonTokenType.String && (isType || isText || isStop))
            {
                string value = reader.GetString()!;
                if (isType) type = value;
                else if (isText) text = value;
                else stopReason = value;
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private void Delta(int index, string? type, string? text, List<StreamUpdate> output)
    {
        switch (type)
        {
            case "thinking_delta" when !string.IsNullOrEmpty(text):
                output.Add(new ReasoningDelta(text));
                break;
            case "text_delta" when !string.IsNullOrEmpty(text):
                Answer(text, output);
                break;
            case "signature_delta" when At(index) is { } thinking:
                thinking.Signature = text;
                break;
            case "input_json_delta" when At(index) is { Kind: BlockKind.ToolUse } call && !string.IsNullOrEmpty(text):
                call.SawArguments = true;
                output.Add(new ToolCallDelta(call.ToolOrdinal, null, null, text));
                break;
        }
    }

    private void Start(int index, ReadOnlySpan<byte> json, List<StreamUpdate> output)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var block = document.RootElement;
        switch (Text(block, "type"))
        {
            case "thinking":
                Set(index, new Block(BlockKind.Thinking));
                if (Text(block, "thinking") is { Length: > 0 } thought) output.Add(new ReasoningDelta(thought));
                break;
            case "redacted_thinking":
                // Hidden by the provider's safety systems: nothing to show, but it must go back unchanged.
                output.Add(new ReasoningBlockEnd(WireProtocol.AnthropicMessages) { IsRedacted = true, EncryptedContent = Text(block, "data") });
                break;
            case "tool_use":
                var call = new Block(BlockKind.ToolUse) { ToolOrdinal = _toolCalls++ };
                Set(index, call);
                output.Add(new ToolCallDelta(call.ToolOrdinal, Text(block, "id"), Text(block, "name"), ""));
                break;
            case "text":
                Set(index, new Block(BlockKind.Other));
                if (Text(block, "text") is { Length: > 0 } text) Answer(text, output);
                break;
            default:
                Set(index, new Block(BlockKind.Other)); // server tools, citations: not modelled
                break;
        }
    }

    /// <summary>
    /// Adaptive thinking can open with a text block of white space only, then think: that space waits for the real
    /// answer text, so the answer does not seem to start before the thinking. The answer's text is unchanged.
    /// </summary>
    private void Answer(string text, List<StreamUpdate> output)
    {
        if (!_answerStarted && string.IsNullOrWhiteSpace(text))
        {
            _leadingSpace += text;
            return;
        }

        _answerStarted = true;
        if (_leadingSpace is { } space)
        {
            _leadingSpace = null;
            text = space + text;
        }

        output.Add(new AnswerDelta(text));
    }

    public override void Flush(List<StreamUpdate> output)
    {
        if (_leadingSpace is { } space) output.Add(new AnswerDelta(space));
        _leadingSpace = null;
    }

    private void Stop(int index, List<StreamUpdate> output)
    {
        switch (At(index))
        {
            case { Kind: BlockKind.Thinking } thinking:
                output.Add(new ReasoningBlockEnd(WireProtocol.AnthropicMessages) { Signature = thinking.Signature });
                break;
            case { Kind: BlockKind.ToolUse, SawArguments: false } call:
                // A call without parameters streams only "": its arguments are the empty object.
                output.Add(new ToolCallDelta(call.ToolOrdinal, null, null, "{}"));
                break;
        }
    }

    private void MessageStarted(ReadOnlySpan<byte> json, List<StreamUpdate> output)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var message = document.RootElement;
        if (!_metadataSent)
        {
            _metadataSent = true;
            output.Add(new StreamMetadata(Text(message, "id"), Text(message, "model"), null));
        }

        if (message.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object) output.Add(new UsageUpdate(Usage(usage)));
    }

    /// <summary>
    /// A whole message instead of events (a server or proxy that ignored <c>stream: true</c>): each content block read
    /// as its events would be — thinking with its signature, redacted thinking, text, tool use — then the stop and usage.
    /// </summary>
    private void WholeMessage(ReadOnlySpan<byte> json, List<StreamUpdate> output)
    {
        MessageStarted(json, output);
        using var document = JsonDocument.Parse(json.ToArray());
        var message = document.RootElement;
        if (message.TryGetProperty("content", out var blocks) && blocks.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in blocks.EnumerateArray())
            {
                switch (Text(block, "type"))
                {
                    case "thinking":
                        if (Text(block, "thinking") is { Length: > 0 } thought) output.Add(new ReasoningDelta(thought));
                        output.Add(new ReasoningBlockEnd(WireProtocol.AnthropicMessages) { Signature = Text(block, "signature") });
                        break;
                    case "redacted_thinking":
                        output.Add(new ReasoningBlockEnd(WireProtocol.AnthropicMessages) { IsRedacted = true, EncryptedContent = Text(block, "data") });
                        break;
                    case "text" when Text(block, "text") is { Length: > 0 } text:
                        Answer(text, output);
                        break;
                    case "tool_use":
                        string arguments = block.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object ? input.GetRawText() : "{}";
                        output.Add(new ToolCallDelta(_toolCalls++, Text(block, "id"), Text(block, "name"), arguments));
                        break;
                }
            }
        }

        if (Text(message, "stop_reason") is { } stop) FinishReason = FinishReasons.Normalize(stop);
        Done = true;
    }

    private static TokenUsage Usage(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        return Usage(document.RootElement);
    }

    /// <summary>Anthropic's <c>input_tokens</c> leaves out the cached part: the prompt is all three counts together.</summary>
    private static TokenUsage Usage(JsonElement usage)
    {
        int? input = Int(usage, "input_tokens"), created = Int(usage, "cache_creation_input_tokens"), read = Int(usage, "cache_read_input_tokens");
        int? thinking = usage.TryGetProperty("output_tokens_details", out var details) ? Int(details, "thinking_tokens") : null;
        return new TokenUsage
        {
            PromptTokens = input is null && created is null && read is null ? null : (input ?? 0) + (created ?? 0) + (read ?? 0),
            CompletionTokens = Int(usage, "output_tokens"),
            ReasoningTokens = thinking,
            CachedPromptTokens = read,
        };
    }

    private Block? At(int index) => index >= 0 && index < _blocks.Count ? _blocks[index] : null;

    private void Set(int index, Block block)
    {
        if (index < 0) return;
        while (_blocks.Count <= index) _blocks.Add(null);
        _blocks[index] = block;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) ? n : null;

    private sealed class Block(BlockKind kind)
    {
        public BlockKind Kind { get; } = kind;

        public int ToolOrdinal { get; init; }

        public string? Signature { get; set; }

        public bool SawArguments { get; set; }
    }
}
