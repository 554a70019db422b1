using System.Text.Json;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Support;

/// <summary>Hand-written DeepSeek-format streams with known texts.</summary>
public static class Streams
{
    public const string Reasoning = "Let me think. 17 × 23: 17 × 20 = 340, 17 × 3 = 51, so 391.\nCheck: 391 / 23 = 17. ✓ Ünïcödé 思考 too.";
    public const string Answer = "17 × 23 = **391**.\n\nBecause 17 × 20 = 340 and 17 × 3 = 51 — 日本語 and emoji 🎉 included.";

    public static string Chunk(string? reasoning, string? content, string? finish = null, string? usage = null)
    {
        var delta = new Dictionary<string, string?> { ["content"] = content, ["reasoning_content"] = reasoning };
        string deltaJson = JsonSerializer.Serialize(delta);
        string finishJson = finish is null ? "null" : JsonSerializer.Serialize(finish);
        return $$"""{"id":"t1","object":"chat.completion.chunk","created":1,"model":"deepseek-flash","choices":[{"index":0,"delta":{{deltaJson}},"finish_reason":{{finishJson}}}]{{(usage is null ? "" : ",\"usage\":" + usage)}}}""";
    }

    public const string Usage = """{"prompt_tokens":11,"completion_tokens":40,"total_tokens":51,"prompt_tokens_details":{"cached_tokens":3},"completion_tokens_details":{"reasoning_tokens":25},"prompt_cache_hit_tokens":3,"prompt_cache_miss_tokens":8}""";

    /// <summary>Reasoning in a few pieces, then the answer in a few pieces, usage on the finish chunk, [DONE].</summary>
    public static ReplayResponse Known(string finish = "stop", string reasoning = Reasoning, string answer = Answer)
    {
        var chunks = new List<string> { Chunk("", null) };
        chunks.AddRange(Pieces(reasoning).Select(p => Chunk(p, null)));
        chunks.AddRange(Pieces(answer).Select(p => Chunk(null, p)));
        chunks.Add(Chunk(null, "", finish, Usage));
        return ReplayResponse.FromChunks([.. chunks]);
    }

    /// <summary>Cuts text into pieces of up to 7 characters, never inside a surrogate pair.</summary>
    public static IEnumerable<string> Pieces(string text)
    {
        int i = 0;
        while (i < text.Length)
        {
            int length = Math.Min(7, text.Length - i);
            if (char.IsHighSurrogate(text[i + length - 1]) && i + length < text.Length) length++;
            yield return text.Substring(i, length);
            i += length;
        }
    }

    public static ReplayResponse Paced(ReplayResponse response, int millisecondsPerEvent) =>
        response with { Pacing = ReplayPacing.DelayBetweenEvents(TimeSpan.FromMilliseconds(millisecondsPerEvent)) };
}
