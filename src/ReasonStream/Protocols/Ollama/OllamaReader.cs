using System.Text;
using System.Text.Json;

namespace ReasonStream;

/// <summary>
/// Reads Ollama's native newline-delimited objects: <c>message.thinking</c> as reasoning, <c>message.content</c> as
/// answer, whole <c>message.tool_calls</c> (object arguments), the final <c>done: true</c> object with its counts
/// and <c>done_reason</c> (<c>stop</c> after tool calls is <c>tool_calls</c>), and <c>{"error": …}</c> lines.
/// Also <c>/api/generate</c>'s <c>response</c> and <c>thinking</c>.
/// </summary>
internal sealed class OllamaReader(ReasoningClientOptions options) : ProtocolReader(WireProtocol.OllamaChat, options)
{
    private readonly ThinkTagSplitter _content = new(options.EffectiveDialect);
    private bool _metadataSent;
    private int _calls;

    protected override void Read(string eventType, ReadOnlySpan<byte> data, List<StreamUpdate> output)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw Malformed("a line is not a JSON object", data, null);

        int metadataAt = output.Count;
        string? model = null, doneReason = null;
        bool done = false, recognised = false;
        int? prompt = null, eval = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("message"u8))
            {
                recognised = true;
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject) ReadMessage(ref reader, data, output);
                else reader.Skip();
            }
            else if (reader.ValueTextEquals("response"u8) || reader.ValueTextEquals("thinking"u8))
            {
                bool thinking = reader.ValueTextEquals("thinking"u8);
                recognised = true;
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } text)
                {
                    if (thinking) output.Add(new ReasoningDelta(text));
                    else _content.Feed(text, output);
                }
            }
            else if (reader.ValueTextEquals("done"u8))
            {
                recognised = true;
                reader.Read();
                done = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("done_reason"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) doneReason = reader.GetString();
            }
            else if (reader.ValueTextEquals("prompt_eval_count"u8))
            {
                reader.Read();
                prompt = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int n) ? n : null;
            }
            else if (reader.ValueTextEquals("eval_count"u8))
            {
                reader.Read();
                eval = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int n) ? n : null;
            }
            else if (reader.ValueTextEquals("model"u8) && !_metadataSent)
            {
                reader.Read();
                model = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                recognised = true;
                reader.Read();
                reader.Skip();
                Error = ProviderError.TryRead(data) ?? new ProviderError(Encoding.UTF8.GetString(data), null, null);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        if (!recognised && !Recognised) throw NotThisProtocol(eventType, data);
        Recognised |= recognised;
        if (!_metadataSent && model is not null)
        {
            _metadataSent = true;
            output.Insert(metadataAt, new StreamMetadata(null, model, null));
        }

        if (!done) return;
        if (prompt is not null || eval is not null)
        {
            output.Add(new UsageUpdate(new TokenUsage { PromptTokens = prompt, CompletionTokens = eval, TotalTokens = prompt + eval }));
        }

        // Ollama says "stop" after tool calls too.
        FinishReason = doneReason is null or "stop" ? (_calls > 0 ? FinishReasons.ToolCalls : FinishReasons.Stop) : FinishReasons.Normalize(doneReason);
        Done = true;
    }

    public override void Flush(List<StreamUpdate> output) => _content.Flush(output);

    private void ReadMessage(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, List<StreamUpdate> output)
    {
        string? content = null, thinking = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) content = reader.GetString();
            }
            else if (reader.ValueTextEquals("thinking"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) thinking = reader.GetString();
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject) output.Add(ReadToolCall(ref reader, data));
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        if (!string.IsNullOrEmpty(thinking)) output.Add(new ReasoningDelta(thinking));
        if (!string.IsNullOrEmpty(content)) _content.Feed(content, output);
    }

    /// <summary>A whole call: Ollama sends each in one piece, arguments as an object.</summary>
    private ToolCallDelta ReadToolCall(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        string? id = null, name = null, arguments = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) id = reader.GetString();
            }
            else if (reader.ValueTextEquals("function"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("name"u8))
                    {
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.String) name = reader.GetString();
                    }
                    else if (reader.ValueTextEquals("arguments"u8))
                    {
                        reader.Read();
                        arguments = reader.TokenType switch
                        {
                            JsonTokenType.String => reader.GetString(),
                            JsonTokenType.StartObject or JsonTokenType.StartArray => RawValue(ref reader, data),
                            _ => null,
                        };
                    }
                    else
                    {
                        SkipValue(ref reader);
                    }
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        int ordinal = _calls++;
        return new ToolCallDelta(ordinal, id ?? "call_" + ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture), name, arguments ?? "{}");
    }
}
