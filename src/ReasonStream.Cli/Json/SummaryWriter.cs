using System.Text.Json;

namespace ReasonStream.Cli.Json;

/// <summary>
/// Writes the <c>--json</c> summary line straight to a stream, the long texts (reasoning, answer) in slices, so a reply of
/// any size is written with bounded memory — never one giant JSON string. The result is exactly what the source-generated
/// serializer writes for a <see cref="SummaryEvent"/> (a test holds the two equal).
/// </summary>
internal static class SummaryWriter
{
    private const int Slice = 32 * 1024;

    public static void Write(Stream output, SummaryEvent summary)
    {
        var context = CliJsonContext.Readable;
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = context.Options.Encoder });
        json.WriteStartObject();
        json.WriteString("type", summary.Type);
        json.WriteString("status", summary.Status);
        json.WriteString("provider", summary.Provider);
        json.WriteString("model", summary.Model);
        WriteNullable("served_by", summary.ServedBy);
        WriteNullable("conversation_id", summary.ConversationId);
        if (summary.Turn is { } turn) json.WriteNumber("turn", turn);
        else json.WriteNull("turn");
        if (summary.LogId is { } logId) json.WriteNumber("log_id", logId);
        else json.WriteNull("log_id");
        WriteLong("reasoning", summary.Reasoning);
        WriteLong("answer", summary.Answer);
        json.WritePropertyName("tool_calls");
        JsonSerializer.Serialize(json, summary.ToolCalls, context.IReadOnlyListToolCallJson);
        json.WritePropertyName("usage");
        JsonSerializer.Serialize(json, summary.Usage, context.UsageJson);
        json.WritePropertyName("timings");
        JsonSerializer.Serialize(json, summary.Timings, context.TimingsJson);
        WriteNullable("finish_reason", summary.FinishReason);
        json.WriteBoolean("truncated", summary.Truncated);
        json.WriteBoolean("reasoning_exhausted_budget", summary.ReasoningExhaustedBudget);
        json.WritePropertyName("error");
        JsonSerializer.Serialize(json, summary.Error, context.ErrorJson);
        json.WriteEndObject();
        json.Flush();

        void WriteNullable(string name, string? value)
        {
            if (value is null) json.WriteNull(name);
            else json.WriteString(name, value);
        }

        void WriteLong(string name, string text)
        {
            json.WritePropertyName(name);
            var rest = text.AsSpan();
            do
            {
                int length = Math.Min(rest.Length, Slice);
                if (length < rest.Length && char.IsHighSurrogate(rest[length - 1])) length--; // keep a pair together
                json.WriteStringValueSegment(rest[..length], isFinalSegment: length == rest.Length);
                rest = rest[length..];
                json.Flush(); // what is written leaves now: memory stays at one slice
            }
            while (!rest.IsEmpty);
        }
    }
}
