using System.Text.Json;

namespace ReasonStream;

/// <summary>
/// Reads a usage object in any of the spellings seen on the wire: chat completions (with DeepSeek's
/// cache counts and SGLang's top-level <c>reasoning_tokens</c>), Responses API, Anthropic and Gemini's <c>usageMetadata</c>.
/// </summary>
internal static class UsageReader
{
    /// <summary>Reads the object the reader stands on (its <see cref="JsonTokenType.StartObject"/>).</summary>
    public static TokenUsage Read(ref Utf8JsonReader reader)
    {
        int? prompt = null, completion = null, total = null, reasoning = null, cached = null, hit = null, miss = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_tokens"u8) || reader.ValueTextEquals("input_tokens"u8) || reader.ValueTextEquals("promptTokenCount"u8)) prompt = Number(ref reader);
            else if (reader.ValueTextEquals("completion_tokens"u8) || reader.ValueTextEquals("output_tokens"u8) || reader.ValueTextEquals("candidatesTokenCount"u8)) completion = Number(ref reader);
            else if (reader.ValueTextEquals("total_tokens"u8) || reader.ValueTextEquals("totalTokenCount"u8)) total = Number(ref reader);
            else if (reader.ValueTextEquals("reasoning_tokens"u8) || reader.ValueTextEquals("thoughtsTokenCount"u8)) reasoning = Number(ref reader) ?? reasoning;
            else if (reader.ValueTextEquals("cachedContentTokenCount"u8)) cached = Number(ref reader) ?? cached;
            else if (reader.ValueTextEquals("prompt_cache_hit_tokens"u8)) hit = Number(ref reader);
            else if (reader.ValueTextEquals("prompt_cache_miss_tokens"u8)) miss = Number(ref reader);
            else if (reader.ValueTextEquals("cache_read_input_tokens"u8)) cached = Number(ref reader) ?? cached;
            else if (reader.ValueTextEquals("prompt_tokens_details"u8) || reader.ValueTextEquals("input_tokens_details"u8))
            {
                cached = Detail(ref reader, "cached_tokens"u8) ?? cached;
            }
            else if (reader.ValueTextEquals("completion_tokens_details"u8) || reader.ValueTextEquals("output_tokens_details"u8))
            {
                reasoning = Detail(ref reader, "reasoning_tokens"u8) ?? reasoning;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new TokenUsage
        {
            PromptTokens = prompt,
            CompletionTokens = completion,
            TotalTokens = total, // left null when not reported: ChatAccumulator fills it from the merged counts
            ReasoningTokens = reasoning,
            CachedPromptTokens = cached,
            PromptCacheHitTokens = hit,
            PromptCacheMissTokens = miss,
        };
    }

    /// <summary>Reads a usage object from a parsed element (the rare, non-chat formats).</summary>
    public static TokenUsage Read(JsonElement element)
    {
        var bytes = JsonSerializerFree.ToUtf8(element);
        var reader = new Utf8JsonReader(bytes);
        reader.Read();
        return Read(ref reader);
    }

    private static int? Number(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number) return reader.TryGetInt32(out int value) ? value : null;
        reader.Skip(); // an object or array where a count belongs: step over it, whole
        return null;
    }

    private static int? Detail(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        int? value = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(name)) value = Number(ref reader);
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return value;
    }

    private static class JsonSerializerFree
    {
        public static byte[] ToUtf8(JsonElement element)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer)) element.WriteTo(writer);
            return buffer.WrittenSpan.ToArray();
        }
    }
}
