using System.Text.Json;

namespace ReasonStream.Testing;

/// <summary>
/// A reply as Gemini <c>streamGenerateContent?alt=sse</c> chunks (CRLF framing, no end marker): thought parts,
/// text parts, <c>functionCall</c> parts (with an id, as Gemini 3 sends) with whole arguments and the thought signature on the first call, and a
/// last chunk with the finish reason and <c>usageMetadata</c> (thoughts counted apart from candidates).
/// </summary>
internal static class GeminiScript
{
    private const string LineEnd = "\r\n";

    public static IReadOnlyList<ScriptedEvent> Write(ScriptedReply reply)
    {
        var events = new List<ScriptedEvent>();
        string? signature = null;
        bool anyCall = false;
        foreach (var step in reply.Steps)
        {
            switch (step.Part)
            {
                case ScriptedPart.Reasoning:
                    events.Add(Chunk(reply, step, w =>
                    {
                        w.WriteString("text", step.Text);
                        w.WriteBoolean("thought", true);
                    }));
                    break;
                case ScriptedPart.Signature:
                    signature = step.Text;
                    break;
                case ScriptedPart.Answer:
                    events.Add(Chunk(reply, step, w => w.WriteString("text", step.Text)));
                    break;
                case ScriptedPart.ToolCall:
                    string? sig = anyCall ? null : signature ?? "gemini-sig";
                    if (!anyCall) signature = null;
                    anyCall = true;
                    events.Add(Chunk(reply, step, w =>
                    {
                        w.WriteStartObject("functionCall");
                        w.WriteString("id", step.ToolCallId); // Gemini 3 names its calls; earlier models do not
                        w.WriteString("name", step.ToolName);
                        w.WritePropertyName("args");
                        ScriptJson.WriteArguments(w, step.Text);
                        w.WriteEndObject();
                        if (sig is not null) w.WriteString("thoughtSignature", sig);
                    }));
                    break;
            }
        }

        string finish = FinishReasons.IsTruncation(reply.FinishReason) ? "MAX_TOKENS" : "STOP";
        events.Add(ScriptJson.Data(ScriptedPart.Closing, "", ScriptJson.Object(w =>
        {
            Candidate(w, part =>
            {
                part.WriteString("text", "");
                if (signature is not null) part.WriteString("thoughtSignature", signature);
            }, finish);
            if (reply.UsageCounts is { } usage)
            {
                int thoughts = usage.Reasoning ?? 0;
                w.WriteStartObject("usageMetadata");
                w.WriteNumber("promptTokenCount", usage.Prompt);
                w.WriteNumber("candidatesTokenCount", usage.Completion - thoughts);
                w.WriteNumber("totalTokenCount", usage.Prompt + usage.Completion);
                if (usage.Reasoning is not null) w.WriteNumber("thoughtsTokenCount", thoughts);
                if (usage.Cached is { } cached) w.WriteNumber("cachedContentTokenCount", cached);
                w.WriteEndObject();
            }

            Identity(w, reply);
        }), LineEnd));
        return events;
    }

    private static ScriptedEvent Chunk(ScriptedReply reply, ScriptedStep step, Action<Utf8JsonWriter> part) =>
        ScriptJson.Data(step.Part, step.Text, ScriptJson.Object(w =>
        {
            Candidate(w, part, finishReason: null);
            Identity(w, reply);
        }), LineEnd);

    private static void Candidate(Utf8JsonWriter w, Action<Utf8JsonWriter> part, string? finishReason)
    {
        w.WriteStartArray("candidates");
        w.WriteStartObject();
        w.WriteStartObject("content");
        w.WriteStartArray("parts");
        w.WriteStartObject();
        part(w);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("role", "model");
        w.WriteEndObject();
        if (finishReason is not null) w.WriteString("finishReason", finishReason);
        w.WriteNumber("index", 0);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void Identity(Utf8JsonWriter w, ScriptedReply reply)
    {
        w.WriteString("modelVersion", reply.Model);
        w.WriteString("responseId", reply.ResponseId);
    }
}
