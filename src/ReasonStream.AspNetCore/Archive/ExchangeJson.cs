using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ReasonStream.AspNetCore;

/// <summary>Archived exchanges as JSON (snake_case, like the events) with <see cref="Utf8JsonWriter"/>; tool calls and usage as stored columns.</summary>
internal static class ExchangeJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] One(ArchivedExchange exchange) => Write(writer => WriteExchange(writer, exchange));

    public static byte[] Many(IReadOnlyList<ArchivedExchange> exchanges) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("exchanges");
        foreach (var exchange in exchanges) WriteExchange(writer, exchange);
        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    public static string ToolCalls(IReadOnlyList<ToolCall> calls) => System.Text.Encoding.UTF8.GetString(Write(writer => WriteToolCalls(writer, calls)));

    public static string? Usage(TokenUsage? usage) => usage is null ? null : System.Text.Encoding.UTF8.GetString(EventData.Usage(usage, 0));

    public static IReadOnlyList<ToolCall> ReadToolCalls(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(call => new ToolCall(
            call.GetProperty("id").GetString() ?? "", call.GetProperty("name").GetString() ?? "", call.GetProperty("arguments").GetString() ?? ""))];
    }

    public static TokenUsage? ReadUsage(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new TokenUsage
        {
            PromptTokens = Number(root, "prompt_tokens"),
            CompletionTokens = Number(root, "completion_tokens"),
            ReasoningTokens = Number(root, "reasoning_tokens"),
            CachedPromptTokens = Number(root, "cached_tokens"),
            PromptCacheHitTokens = Number(root, "cache_hit_tokens"),
            PromptCacheMissTokens = Number(root, "cache_miss_tokens"),
            TotalTokens = Number(root, "total_tokens"),
        };
    }

    private static int? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    private static void WriteExchange(Utf8JsonWriter writer, ArchivedExchange exchange)
    {
        writer.WriteStartObject();
        writer.WriteString("id", exchange.StreamId);
        writer.WriteString("conversation_id", exchange.ConversationId);
        writer.WriteString("prompt", exchange.Prompt);
        writer.WriteString("reasoning", exchange.Reasoning);
        writer.WriteString("answer", exchange.Answer);
        writer.WritePropertyName("tool_calls");
        WriteToolCalls(writer, exchange.ToolCalls);
        if (exchange.Usage is { } usage)
        {
            writer.WritePropertyName("usage");
            writer.WriteRawValue(EventData.Usage(usage, 0));
        }
        else
        {
            writer.WriteNull("usage");
        }

        writer.WriteString("finish_reason", exchange.FinishReason);
        if (exchange.ErrorKind is null)
        {
            writer.WriteNull("error");
        }
        else
        {
            writer.WriteStartObject("error");
            writer.WriteString("kind", exchange.ErrorKind);
            writer.WriteString("message", exchange.ErrorMessage);
            writer.WriteEndObject();
        }

        writer.WriteString("model", exchange.Model);
        writer.WriteString("started_at", exchange.StartedAt);
        writer.WriteString("finished_at", exchange.FinishedAt);
        if (exchange.ReasoningDuration is { } thought) writer.WriteNumber("reasoning_ms", (long)thought.TotalMilliseconds);
        else writer.WriteNull("reasoning_ms");
        writer.WriteEndObject();
    }

    private static void WriteToolCalls(Utf8JsonWriter writer, IReadOnlyList<ToolCall> calls)
    {
        writer.WriteStartArray();
        foreach (var call in calls)
        {
            writer.WriteStartObject();
            writer.WriteString("id", call.Id);
            writer.WriteString("name", call.Name);
            writer.WriteString("arguments", call.Arguments);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Options)) body(writer);
        return buffer.WrittenSpan.ToArray();
    }
}
