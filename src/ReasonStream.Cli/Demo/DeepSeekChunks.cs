using System.Text;
using System.Text.Json;

namespace ReasonStream.Cli.Demo;

/// <summary>Writes chat-completion chunks exactly as DeepSeek's thinking models stream them.</summary>
internal sealed class DeepSeekChunks(string id, string model, long created)
{
    public string Role() => Chunk(w =>
    {
        w.WriteString("role", "assistant");
        w.WriteNull("content");
        w.WriteString("reasoning_content", "");
    }, finishReason: null);

    public string Reasoning(string text) => Chunk(w =>
    {
        w.WriteNull("content");
        w.WriteString("reasoning_content", text);
    }, finishReason: null);

    public string Answer(string text) => Chunk(w =>
    {
        w.WriteString("content", text);
        w.WriteNull("reasoning_content");
    }, finishReason: null);

    /// <summary>The last chunk: empty content, the finish reason, and the usage (DeepSeek puts it here).</summary>
    public string Finish(int promptTokens, int cachedTokens, int reasoningTokens, int completionTokens) => Chunk(w =>
    {
        w.WriteString("content", "");
        w.WriteNull("reasoning_content");
    }, finishReason: "stop", usage: w =>
    {
        w.WriteNumber("prompt_tokens", promptTokens);
        w.WriteNumber("completion_tokens", completionTokens);
        w.WriteNumber("total_tokens", promptTokens + completionTokens);
        w.WriteStartObject("prompt_tokens_details");
        w.WriteNumber("cached_tokens", cachedTokens);
        w.WriteEndObject();
        w.WriteStartObject("completion_tokens_details");
        w.WriteNumber("reasoning_tokens", reasoningTokens);
        w.WriteEndObject();
        w.WriteNumber("prompt_cache_hit_tokens", cachedTokens);
        w.WriteNumber("prompt_cache_miss_tokens", promptTokens - cachedTokens);
    });

    private string Chunk(Action<Utf8JsonWriter> delta, string? finishReason, Action<Utf8JsonWriter>? usage = null)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("object", "chat.completion.chunk");
            w.WriteNumber("created", created);
            w.WriteString("model", model);
            w.WriteString("system_fingerprint", "fp_demo");
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
            if (usage is not null)
            {
                w.WriteStartObject("usage");
                usage(w);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
