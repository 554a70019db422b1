using System.Text.Json;

namespace ReasonStream.Testing;

/// <summary>A reply as chat-completion chunks, the way DeepSeek streams them: usage on the finish chunk, then <c>[DONE]</c>.</summary>
internal static class ChatCompletionsScript
{
    private const long Created = 1_785_000_000;

    public static IReadOnlyList<ScriptedEvent> Write(ScriptedReply reply)
    {
        var events = new List<ScriptedEvent>();
        string field = reply.ChatReasoningField;
        events.Add(ScriptJson.Data(ScriptedPart.Opening, "", Chunk(reply, d =>
        {
            d.WriteString("role", "assistant");
            d.WriteNull("content");
            if (field == "reasoning_content") d.WriteString(field, "");
        })));

        int calls = 0;
        foreach (var step in reply.Steps)
        {
            switch (step.Part)
            {
                case ScriptedPart.Reasoning:
                    events.Add(ScriptJson.Data(step.Part, step.Text, Chunk(reply, d =>
                    {
                        d.WriteNull("content");
                        d.WriteString(field, step.Text);
                    })));
                    break;
                case ScriptedPart.Answer:
                    events.Add(ScriptJson.Data(step.Part, step.Text, Chunk(reply, d =>
                    {
                        d.WriteString("content", step.Text);
                        if (field == "reasoning_content") d.WriteNull(field);
                    })));
                    break;
                case ScriptedPart.ToolCall:
                    int index = calls++;
                    events.Add(ScriptJson.Data(step.Part, "", Chunk(reply, d => ToolCall(d, index, step.ToolCallId, step.ToolName, ""))));
                    foreach (string piece in step.Pieces)
                    {
                        events.Add(ScriptJson.Data(step.Part, piece, Chunk(reply, d => ToolCall(d, index, null, null, piece))));
                    }

                    break;
            }
        }

        events.Add(ScriptJson.Data(ScriptedPart.Closing, "", Chunk(reply, d =>
        {
            d.WriteString("content", "");
            if (field == "reasoning_content") d.WriteNull(field);
        }, reply.FinishReason, reply.UsageCounts)));
        events.Add(new ScriptedEvent(ScriptedPart.Closing, "", ScriptedReply.Utf8("data: [DONE]\n\n")));
        return events;
    }

    private static void ToolCall(Utf8JsonWriter d, int index, string? id, string? name, string arguments)
    {
        d.WriteStartArray("tool_calls");
        d.WriteStartObject();
        d.WriteNumber("index", index);
        if (id is not null)
        {
            d.WriteString("id", id);
            d.WriteString("type", "function");
        }

        d.WriteStartObject("function");
        if (name is not null) d.WriteString("name", name);
        d.WriteString("arguments", arguments);
        d.WriteEndObject();
        d.WriteEndObject();
        d.WriteEndArray();
    }

    private static string Chunk(ScriptedReply reply, Action<Utf8JsonWriter> delta, string? finishReason = null, ScriptedUsage? usage = null) => ScriptJson.Object(w =>
    {
        w.WriteString("id", reply.ResponseId);
        w.WriteString("object", "chat.completion.chunk");
        w.WriteNumber("created", Created);
        w.WriteString("model", reply.Model);
        w.WriteString("system_fingerprint", "fp_scripted");
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        delta(w);
        w.WriteEndObject();
        w.WriteNull("logprobs");
        if (finishReason is null) w.WriteNull("finish_reason");
        else w.WriteString("finish_reason", finishReason);
        w.WriteEndObject();
        w.WriteEndArray();
        if (usage is null) return;
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", usage.Prompt);
        w.WriteNumber("completion_tokens", usage.Completion);
        w.WriteNumber("total_tokens", usage.Prompt + usage.Completion);
        if (usage.Cached is { } cached)
        {
            w.WriteStartObject("prompt_tokens_details");
            w.WriteNumber("cached_tokens", cached);
            w.WriteEndObject();
        }

        if (usage.Reasoning is { } reasoning)
        {
            w.WriteStartObject("completion_tokens_details");
            w.WriteNumber("reasoning_tokens", reasoning);
            w.WriteEndObject();
        }

        if (usage.Cached is { } hit)
        {
            w.WriteNumber("prompt_cache_hit_tokens", hit);
            w.WriteNumber("prompt_cache_miss_tokens", usage.Prompt - hit);
        }

        w.WriteEndObject();
    });
}
