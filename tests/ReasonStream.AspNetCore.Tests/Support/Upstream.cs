using System.Text;
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

    /// <summary>The upstream's stream, written by the replay server's own script: one chunk per piece, usage and the finish, [DONE].</summary>
    public ReplayResponse Response(TimeSpan? delayBetweenEvents = null) =>
        new ScriptedReply(WireProtocol.ChatCompletions, "test-model")
            .Reasoning([.. ReasoningPieces])
            .Answer([.. AnswerPieces])
            .Usage(11, 22, reasoning: 15)
            .ToResponse(delayBetweenEvents is { } delay ? _ => delay : null);

    public static string Describe(string text) => new StringBuilder(text).Replace("\r", "\\r").Replace("\n", "\\n").ToString();
}
