using System.Text;
using System.Text.Json;
using ReasonStream.Testing;

namespace ReasonStream.AspNetCore.Tests.Support;

/// <summary>
/// A DeepSeek-style upstream stream built from known pieces, so the expected texts are known exactly: reasoning
/// pieces, then answer pieces (with newlines, a lone carriage return, quotes, markup, accents, CJK and emoji), usage
/// and a finish.
/// </summary>
public sealed class Upstream
{
    private static readonly string[] Flavours = ["plain ", "line\nbreak ", "lone\rCR ", "\"quoted\" ", "<b>markup</b> & ", "é ", "日本語 ", "🙂 ", "tab\t", "\\back "];

    private Upstream(string[] reasoning, string[] answer)
    {
        ReasoningPieces = reasoning;
        AnswerPieces = answer;
    }

    public IReadOnlyList<string> ReasoningPieces { get; }

    public IReadOnlyList<string> AnswerPieces { get; }

    public string Reasoning => string.Concat(ReasoningPieces);

    public string Answer => string.Concat(AnswerPieces);

    public static Upstream Generate(int reasoningPieces, int answerPieces) => new(
        [.. Enumerable.Range(0, reasoningPieces).Select(i => $"r{i}:" + Flavours[i % Flavours.Length])],
        [.. Enumerable.Range(0, answerPieces).Select(i => $"a{i}:" + Flavours[(i + 3) % Flavours.Length])]);

    /// <summary>The SSE body: one chunk per piece, a usage-and-finish chunk, [DONE].</summary>
    public ReplayResponse Response(TimeSpan? delayBetweenEvents = null)
    {
        var chunks = new List<string>();
        chunks.AddRange(ReasoningPieces.Select(piece => Chunk("reasoning_content", piece)));
        chunks.AddRange(AnswerPieces.Select(piece => Chunk("content", piece)));
        chunks.Add("""{"id":"c1","object":"chat.completion.chunk","model":"test-model","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":11,"completion_tokens":22,"total_tokens":33,"completion_tokens_details":{"reasoning_tokens":15}}}""");
        var response = ReplayResponse.FromChunks([.. chunks]);
        return delayBetweenEvents is { } delay ? response with { Pacing = ReplayPacing.DelayBetweenEvents(delay) } : response;
    }

    private static string Chunk(string field, string text) =>
        "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"test-model\",\"choices\":[{\"index\":0,\"delta\":{\"" + field + "\":" + JsonSerializer.Serialize(text) + "}}]}";

    public static string Describe(string text) => new StringBuilder(text).Replace("\r", "\\r").Replace("\n", "\\n").ToString();
}
