namespace ReasonStream.Testing;

/// <summary>A reply as Ollama's native <c>/api/chat</c> lines: <c>message.thinking</c>, <c>message.content</c>, whole tool calls, then <c>done: true</c> with the counts.</summary>
internal static class OllamaScript
{
    private const string CreatedAt = "2026-01-01T00:00:00Z";

    public static IReadOnlyList<ScriptedEvent> Write(ScriptedReply reply)
    {
        var events = new List<ScriptedEvent>();
        int calls = 0;
        foreach (var step in reply.Steps)
        {
            switch (step.Part)
            {
                case ScriptedPart.Reasoning or ScriptedPart.Answer:
                    events.Add(ScriptJson.Line(step.Part, step.Text, Message(reply, w =>
                    {
                        w.WriteString("content", step.Part == ScriptedPart.Answer ? step.Text : "");
                        if (step.Part == ScriptedPart.Reasoning) w.WriteString("thinking", step.Text);
                    }, done: false)));
                    break;
                case ScriptedPart.ToolCall:
                    int index = calls++;
                    events.Add(ScriptJson.Line(step.Part, step.Text, Message(reply, w =>
                    {
                        w.WriteString("content", "");
                        w.WriteStartArray("tool_calls");
                        w.WriteStartObject();
                        w.WriteString("id", step.ToolCallId);
                        w.WriteStartObject("function");
                        w.WriteNumber("index", index);
                        w.WriteString("name", step.ToolName);
                        w.WritePropertyName("arguments");
                        ScriptJson.WriteArguments(w, step.Text);
                        w.WriteEndObject();
                        w.WriteEndObject();
                        w.WriteEndArray();
                    }, done: false)));
                    break;
            }
        }

        events.Add(ScriptJson.Line(ScriptedPart.Closing, "", ScriptJson.Object(w =>
        {
            w.WriteString("model", reply.Model);
            w.WriteString("created_at", CreatedAt);
            w.WriteStartObject("message");
            w.WriteString("role", "assistant");
            w.WriteString("content", "");
            w.WriteEndObject();
            w.WriteBoolean("done", true);
            w.WriteString("done_reason", FinishReasons.IsTruncation(reply.FinishReason) ? "length" : "stop");
            if (reply.UsageCounts is { } usage)
            {
                w.WriteNumber("prompt_eval_count", usage.Prompt);
                w.WriteNumber("eval_count", usage.Completion);
            }
        })));
        return events;
    }

    private static string Message(ScriptedReply reply, Action<System.Text.Json.Utf8JsonWriter> message, bool done) => ScriptJson.Object(w =>
    {
        w.WriteString("model", reply.Model);
        w.WriteString("created_at", CreatedAt);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        message(w);
        w.WriteEndObject();
        w.WriteBoolean("done", done);
    });
}
