namespace ReasonStream.Testing;

/// <summary>
/// A reply as Anthropic Messages events: <c>message_start</c>, a thinking block closed by its signature, a text
/// block, <c>tool_use</c> blocks with <c>input_json_delta</c> (the first piece <c>""</c>, as Claude sends it),
/// <c>message_delta</c> with the stop reason and usage, <c>message_stop</c>.
/// </summary>
internal static class AnthropicScript
{
    public static IReadOnlyList<ScriptedEvent> Write(ScriptedReply reply)
    {
        var events = new List<ScriptedEvent>();
        int index = -1;
        string? open = null, signature = null;
        void Add(ScriptedPart part, string text, string name, Action<System.Text.Json.Utf8JsonWriter> body) =>
            events.Add(ScriptJson.Named(part, text, name, ScriptJson.Object(w =>
            {
                w.WriteString("type", name);
                body(w);
            })));

        void Close()
        {
            if (open is null) return;
            if (open == "thinking")
            {
                string sig = signature ?? "sig-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                signature = null;
                Add(ScriptedPart.Signature, "", "content_block_delta", w =>
                {
                    w.WriteNumber("index", index);
                    w.WriteStartObject("delta");
                    w.WriteString("type", "signature_delta");
                    w.WriteString("signature", sig);
                    w.WriteEndObject();
                });
            }

            int closing = index;
            Add(ScriptedPart.Closing, "", "content_block_stop", w => w.WriteNumber("index", closing));
            open = null;
        }

        void Open(string kind, Action<System.Text.Json.Utf8JsonWriter> block)
        {
            if (open == kind) return;
            Close();
            open = kind;
            index++;
            int opening = index;
            Add(ScriptedPart.Opening, "", "content_block_start", w =>
            {
                w.WriteNumber("index", opening);
                w.WriteStartObject("content_block");
                block(w);
                w.WriteEndObject();
            });
        }

        var usage = reply.UsageCounts;
        Add(ScriptedPart.Opening, "", "message_start", w =>
        {
            w.WriteStartObject("message");
            w.WriteString("id", reply.ResponseId);
            w.WriteString("type", "message");
            w.WriteString("role", "assistant");
            w.WriteString("model", reply.Model);
            w.WriteStartArray("content");
            w.WriteEndArray();
            w.WriteNull("stop_reason");
            w.WriteStartObject("usage");
            w.WriteNumber("input_tokens", usage?.Prompt ?? 0);
            w.WriteNumber("cache_read_input_tokens", 0);
            w.WriteNumber("output_tokens", 1);
            w.WriteEndObject();
            w.WriteEndObject();
        });
        events.Add(new ScriptedEvent(ScriptedPart.Opening, "", ScriptedReply.Utf8("event: ping\ndata: {\"type\": \"ping\"}\n\n")));

        foreach (var step in reply.Steps)
        {
            switch (step.Part)
            {
                case ScriptedPart.Reasoning:
                    Open("thinking", w =>
                    {
                        w.WriteString("type", "thinking");
                        w.WriteString("thinking", "");
                        w.WriteString("signature", "");
                    });
                    Delta(step.Part, step.Text, "thinking_delta", "thinking");
                    break;
                case ScriptedPart.Signature:
                    signature = step.Text;
                    if (open == "thinking") Close();
                    break;
                case ScriptedPart.Answer:
                    Open("text", w =>
                    {
                        w.WriteString("type", "text");
                        w.WriteString("text", "");
                    });
                    Delta(step.Part, step.Text, "text_delta", "text");
                    break;
                case ScriptedPart.ToolCall:
                    Close();
                    Open("tool_use:" + step.ToolCallId, w =>
                    {
                        w.WriteString("type", "tool_use");
                        w.WriteString("id", step.ToolCallId);
                        w.WriteString("name", step.ToolName);
                        w.WriteStartObject("input");
                        w.WriteEndObject();
                    });
                    foreach (string piece in (IEnumerable<string>)["", .. step.Pieces]) Delta(step.Part, piece, "input_json_delta", "partial_json");
                    break;
            }
        }

        Close();
        string stop = reply.FinishReason switch
        {
            FinishReasons.ToolCalls => "tool_use",
            FinishReasons.Length => "max_tokens",
            FinishReasons.Stop => "end_turn",
            var other => other,
        };
        Add(ScriptedPart.Closing, "", "message_delta", w =>
        {
            w.WriteStartObject("delta");
            w.WriteString("stop_reason", stop);
            w.WriteNull("stop_sequence");
            w.WriteEndObject();
            w.WriteStartObject("usage");
            w.WriteNumber("output_tokens", usage?.Completion ?? 0);
            w.WriteEndObject();
        });
        Add(ScriptedPart.Closing, "", "message_stop", _ => { });
        return events;

        void Delta(ScriptedPart part, string text, string type, string field) => Add(part, text, "content_block_delta", w =>
        {
            w.WriteNumber("index", index);
            w.WriteStartObject("delta");
            w.WriteString("type", type);
            w.WriteString(field, text);
            w.WriteEndObject();
        });
    }
}
