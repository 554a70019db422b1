using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Support;

/// <summary>DeepSeek replies with known texts, built with <see cref="ScriptedReply"/>.</summary>
public static class Streams
{
    public const string Reasoning = "Let me think. 17 × 23: 17 × 20 = 340, 17 × 3 = 51, so 391.\nCheck: 391 / 23 = 17. ✓ Ünïcödé 思考 too.";
    public const string Answer = "17 × 23 = **391**.\n\nBecause 17 × 20 = 340 and 17 × 3 = 51 — 日本語 and emoji 🎉 included.";

    /// <summary>A DeepSeek reply with the known usage (prompt 11, 3 of them cached; output 40, 25 of them reasoning); add its steps.</summary>
    public static ScriptedReply Reply() =>
        new ScriptedReply(WireProtocol.ChatCompletions, "deepseek-flash") { ResponseId = "t1" }.Usage(prompt: 11, completion: 40, reasoning: 25, cached: 3);

    /// <summary>Reasoning in pieces of 7 characters, then the answer likewise, usage on the finish chunk, [DONE].</summary>
    public static ReplayResponse Known(string finish = FinishReasons.Stop, string reasoning = Reasoning, string answer = Answer) =>
        Reply().Reasoning([.. Pieces(reasoning)]).Answer([.. Pieces(answer)]).Finish(finish).ToResponse();

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
