using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ReasonStream.AspNetCore;

/// <summary>
/// Writes each event's JSON data with <see cref="Utf8JsonWriter"/> (AOT-safe, one line: JSON escapes every control
/// character, so a text with newlines or a lone <c>\r</c> still frames as one <c>data:</c> line and arrives exactly).
/// Keys are snake_case, like the CLI's <c>--json</c> output.
/// </summary>
internal static class EventData
{
    // Non-ASCII stays as UTF-8 (CJK text would otherwise grow sixfold); quotes, backslashes and control characters are
    // still escaped. The data is read with JSON.parse, never inserted into HTML as is.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Text(string text, long elapsed) => Write(writer =>
    {
        writer.WriteString("text", text);
        writer.WriteNumber("elapsed_ms", elapsed);
    });

    public static byte[] ToolCall(ToolCallDelta delta, long elapsed) => Write(writer =>
    {
        writer.WriteNumber("index", delta.Index);
        WriteStringOrNull(writer, "id", delta.Id);
        WriteStringOrNull(writer, "name", delta.Name);
        writer.WriteString("arguments", delta.ArgumentsFragment);
        writer.WriteNumber("elapsed_ms", elapsed);
    });

    /// <summary>
    /// The library's normalised counts first (<c>output_tokens</c> always includes the reasoning, <c>cached_input_tokens</c>
    /// whichever field the provider uses), then the provider's own fields as reported (which the archive reads back).
    /// </summary>
    public static byte[] Usage(TokenUsage usage, long elapsed) => Write(writer =>
    {
        WriteNumberOrNull(writer, "prompt_tokens", usage.PromptTokens);
        WriteNumberOrNull(writer, "output_tokens", usage.OutputTokens);
        WriteNumberOrNull(writer, "reasoning_tokens", usage.ReasoningTokens);
        WriteNumberOrNull(writer, "cached_input_tokens", usage.CachedInputTokens);
        WriteNumberOrNull(writer, "total_tokens", usage.TotalTokens);
        WriteNumberOrNull(writer, "completion_tokens", usage.CompletionTokens);
        WriteNumberOrNull(writer, "cached_tokens", usage.CachedPromptTokens);
        WriteNumberOrNull(writer, "cache_hit_tokens", usage.PromptCacheHitTokens);
        WriteNumberOrNull(writer, "cache_miss_tokens", usage.PromptCacheMissTokens);
        writer.WriteNumber("elapsed_ms", elapsed);
    });

    public static byte[] Finish(StreamFinished finish, long elapsed) => Write(writer =>
    {
        writer.WriteString("finish_reason", finish.FinishReason);
        writer.WriteBoolean("truncated", finish.IsTruncated);
        writer.WriteNumber("elapsed_ms", elapsed);
    });

    public static byte[] Error(string kind, string message, long elapsed) => Write(writer =>
    {
        writer.WriteString("kind", kind);
        writer.WriteString("message", message);
        writer.WriteNumber("elapsed_ms", elapsed);
    });

    /// <summary>A small JSON object for HTTP answers (<c>{"error": …}</c>, <c>{"id": …}</c>).</summary>
    public static byte[] Object(string name, string value) => Write(writer => writer.WriteString(name, value));

    internal static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null) writer.WriteNull(name);
        else writer.WriteString(name, value);
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } number) writer.WriteNumber(name, number);
        else writer.WriteNull(name);
    }
}
