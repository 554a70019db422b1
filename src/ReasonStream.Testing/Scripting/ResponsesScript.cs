using System.Globalization;
using System.Text.Json;

namespace ReasonStream.Testing;

/// <summary>
/// A reply as Responses API events, the way OpenAI streams them: a reasoning item with summary deltas and its
/// encrypted content, a message item with text deltas, function calls with argument deltas, then
/// <c>response.completed</c> (or <c>response.incomplete</c>) listing the output and the usage.
/// </summary>
internal static class ResponsesScript
{
    public static IReadOnlyList<ScriptedEvent> Write(ScriptedReply reply) => new Writer(reply).Run();

    private sealed class Writer(ScriptedReply reply)
    {
        private readonly List<ScriptedEvent> _events = [];
        private readonly List<string> _output = [];
        private int _sequence;
        private string? _openKind;
        private string _openText = "";
        private string? _openId;
        private string? _signature;

        public List<ScriptedEvent> Run()
        {
            Event(ScriptedPart.Opening, "", "response.created", w => Response(w, "in_progress", withOutput: false));
            Event(ScriptedPart.Opening, "", "response.in_progress", w => Response(w, "in_progress", withOutput: false));
            foreach (var step in reply.Steps)
            {
                switch (step.Part)
                {
                    case ScriptedPart.Reasoning:
                        Open("reasoning");
                        _openText += step.Text;
                        Event(step.Part, step.Text, "response.reasoning_summary_text.delta", w =>
                        {
                            w.WriteString("item_id", _openId);
                            w.WriteNumber("output_index", _output.Count);
                            w.WriteNumber("summary_index", 0);
                            w.WriteString("delta", step.Text);
                        });
                        break;
                    case ScriptedPart.Signature:
                        _signature = step.Text;
                        if (_openKind == "reasoning") Close();
                        break;
                    case ScriptedPart.Answer:
                        Open("message");
                        _openText += step.Text;
                        Event(step.Part, step.Text, "response.output_text.delta", w =>
                        {
                            w.WriteString("item_id", _openId);
                            w.WriteNumber("output_index", _output.Count);
                            w.WriteNumber("content_index", 0);
                            w.WriteString("delta", step.Text);
                        });
                        break;
                    case ScriptedPart.ToolCall:
                        Close();
                        ToolCall(step);
                        break;
                }
            }

            Close();
            bool incomplete = FinishReasons.IsTruncation(reply.FinishReason);
            Event(ScriptedPart.Closing, "", incomplete ? "response.incomplete" : "response.completed",
                w => Response(w, incomplete ? "incomplete" : "completed", withOutput: true));
            return _events;
        }

        private void Open(string kind)
        {
            if (_openKind == kind) return;
            Close();
            _openKind = kind;
            _openText = "";
            _openId = (kind == "reasoning" ? "rs_" : "msg_") + _output.Count.ToString(CultureInfo.InvariantCulture);
            Event(ScriptedPart.Opening, "", "response.output_item.added", w =>
            {
                w.WritePropertyName("item");
                if (kind == "reasoning") ReasoningItem(w, _openId, "", null);
                else MessageItem(w, _openId, "", "in_progress");
                w.WriteNumber("output_index", _output.Count);
            });
            if (kind == "reasoning")
            {
                Event(ScriptedPart.Opening, "", "response.reasoning_summary_part.added", w =>
                {
                    w.WriteString("item_id", _openId);
                    w.WriteNumber("output_index", _output.Count);
                    w.WriteNumber("summary_index", 0);
                    w.WriteStartObject("part");
                    w.WriteString("type", "summary_text");
                    w.WriteString("text", "");
                    w.WriteEndObject();
                });
            }
        }

        private void Close()
        {
            if (_openKind is null) return;
            string kind = _openKind, id = _openId!, text = _openText;
            string? signature = kind == "reasoning" ? _signature : null;
            if (kind == "reasoning") _signature = null;
            _openKind = null;
            string item = ScriptJson.Object(w =>
            {
                w.WritePropertyName("item");
                if (kind == "reasoning") ReasoningItem(w, id, text, signature ?? "enc-" + id);
                else MessageItem(w, id, text, "completed");
            });
            string itemJson = item[("{\"item\":".Length)..^1];
            if (kind == "message")
            {
                Event(ScriptedPart.Closing, "", "response.output_text.done", w =>
                {
                    w.WriteString("item_id", id);
                    w.WriteNumber("output_index", _output.Count);
                    w.WriteNumber("content_index", 0);
                    w.WriteString("text", text);
                });
            }

            Event(ScriptedPart.Closing, "", "response.output_item.done", w =>
            {
                w.WritePropertyName("item");
                w.WriteRawValue(itemJson);
                w.WriteNumber("output_index", _output.Count);
            });
            _output.Add(itemJson);
        }

        private void ToolCall(ScriptedStep step)
        {
            string id = "fc_" + _output.Count.ToString(CultureInfo.InvariantCulture);
            Event(step.Part, "", "response.output_item.added", w =>
            {
                w.WritePropertyName("item");
                CallItem(w, id, step, "", "in_progress");
                w.WriteNumber("output_index", _output.Count);
            });
            foreach (string piece in step.Pieces)
            {
                Event(step.Part, piece, "response.function_call_arguments.delta", w =>
                {
                    w.WriteString("item_id", id);
                    w.WriteNumber("output_index", _output.Count);
                    w.WriteString("delta", piece);
                });
            }

            Event(step.Part, "", "response.function_call_arguments.done", w =>
            {
                w.WriteString("item_id", id);
                w.WriteNumber("output_index", _output.Count);
                w.WriteString("arguments", step.Text);
            });
            string done = ScriptJson.Object(w =>
            {
                w.WritePropertyName("item");
                CallItem(w, id, step, step.Text, "completed");
            });
            string itemJson = done[("{\"item\":".Length)..^1];
            Event(step.Part, "", "response.output_item.done", w =>
            {
                w.WritePropertyName("item");
                w.WriteRawValue(itemJson);
                w.WriteNumber("output_index", _output.Count);
            });
            _output.Add(itemJson);
        }

        private static void ReasoningItem(Utf8JsonWriter w, string id, string text, string? encrypted)
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("type", "reasoning");
            w.WriteStartArray("summary");
            if (text.Length > 0)
            {
                w.WriteStartObject();
                w.WriteString("type", "summary_text");
                w.WriteString("text", text);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (encrypted is not null) w.WriteString("encrypted_content", encrypted);
            w.WriteEndObject();
        }

        private static void MessageItem(Utf8JsonWriter w, string id, string text, string status)
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("type", "message");
            w.WriteString("status", status);
            w.WriteString("role", "assistant");
            w.WriteStartArray("content");
            if (status == "completed")
            {
                w.WriteStartObject();
                w.WriteString("type", "output_text");
                w.WriteString("text", text);
                w.WriteStartArray("annotations");
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static void CallItem(Utf8JsonWriter w, string id, ScriptedStep step, string arguments, string status)
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("type", "function_call");
            w.WriteString("status", status);
            w.WriteString("arguments", arguments);
            w.WriteString("call_id", step.ToolCallId);
            w.WriteString("name", step.ToolName);
            w.WriteEndObject();
        }

        private void Response(Utf8JsonWriter w, string status, bool withOutput)
        {
            w.WriteStartObject("response");
            w.WriteString("id", reply.ResponseId);
            w.WriteString("object", "response");
            w.WriteNumber("created_at", 1_785_000_000);
            w.WriteString("status", status);
            w.WriteString("model", reply.Model);
            if (status == "incomplete")
            {
                w.WriteStartObject("incomplete_details");
                w.WriteString("reason", "max_output_tokens");
                w.WriteEndObject();
            }

            w.WriteStartArray("output");
            if (withOutput)
            {
                foreach (string item in _output) w.WriteRawValue(item);
            }

            w.WriteEndArray();
            if (withOutput && reply.UsageCounts is { } usage)
            {
                w.WriteStartObject("usage");
                w.WriteNumber("input_tokens", usage.Prompt);
                w.WriteStartObject("input_tokens_details");
                w.WriteNumber("cached_tokens", usage.Cached ?? 0);
                w.WriteEndObject();
                w.WriteNumber("output_tokens", usage.Completion);
                w.WriteStartObject("output_tokens_details");
                w.WriteNumber("reasoning_tokens", usage.Reasoning ?? 0);
                w.WriteEndObject();
                w.WriteNumber("total_tokens", usage.Prompt + usage.Completion);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("usage");
            }

            w.WriteEndObject();
        }

        private void Event(ScriptedPart part, string text, string type, Action<Utf8JsonWriter> body)
        {
            int sequence = _sequence++;
            _events.Add(ScriptJson.Named(part, text, type, ScriptJson.Object(w =>
            {
                w.WriteString("type", type);
                body(w);
                w.WriteNumber("sequence_number", sequence);
            })));
        }
    }
}
