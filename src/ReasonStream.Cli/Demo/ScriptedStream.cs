using System.Text;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Demo;

/// <summary>
/// Turns a <see cref="DemoTurn"/> into a replay response: the SSE body in DeepSeek's wire format and a timing
/// that paces it like a real model (a pause before the first token, tokens at a human-watchable rate, a beat
/// at the end of sentences and between thinking and answering).
/// </summary>
internal static class ScriptedStream
{
    private static readonly TimeSpan FirstToken = TimeSpan.FromMilliseconds(700);
    private static readonly TimeSpan ThinkingToAnswer = TimeSpan.FromMilliseconds(350);

    public static ReplayResponse Build(DemoTurn turn, int index, double speed, bool fullSpeed)
    {
        var chunks = new DeepSeekChunks($"demo-{index + 1:D4}", DemoScript.Model, 1_785_000_000 + index);
        var reasoning = Tokenizer.Split(turn.Reasoning.TrimEnd());
        var answer = Tokenizer.Split(turn.Answer.TrimEnd());
        var jitter = new Jitter((uint)(42 + index));
        var body = new StringBuilder();
        var marks = new List<TimingMark>();
        var at = FirstToken;

        void Event(string json, TimeSpan delay)
        {
            at += delay;
            body.Append("data: ").Append(json).Append("\n\n");
            marks.Add(new TimingMark(Encoding.UTF8.GetByteCount(body.ToString()), at));
        }

        Event(chunks.Role(), TimeSpan.Zero);
        foreach (string token in reasoning) Event(chunks.Reasoning(token), TokenGap(token, jitter, 19));
        at += ThinkingToAnswer;
        foreach (string token in answer) Event(chunks.Answer(token), TokenGap(token, jitter, 15));
        Event(chunks.Finish(turn.PromptTokens, turn.CachedPromptTokens, reasoning.Count, reasoning.Count + answer.Count), TimeSpan.FromMilliseconds(30));
        Event("[DONE]", TimeSpan.FromMilliseconds(5));

        var response = ReplayResponse.FromText(body.ToString());
        if (fullSpeed) return response;
        return response with { Pacing = ReplayPacing.Recorded(new StreamTiming(marks)) with { SpeedFactor = speed } };
    }

    private static TimeSpan TokenGap(string token, Jitter jitter, int averageMs)
    {
        double ms = averageMs * (0.5 + jitter.Next());
        string end = token.TrimEnd();
        if (end.EndsWith('.') || end.EndsWith(':')) ms += 110;
        else if (end.EndsWith(',')) ms += 40;
        if (token.StartsWith('\n')) ms += 120;
        return TimeSpan.FromMilliseconds(ms);
    }

    /// <summary>A tiny deterministic generator (xorshift): the same pacing on every run.</summary>
    private sealed class Jitter(uint seed)
    {
        private uint _state = seed == 0 ? 1u : seed;

        public double Next()
        {
            _state ^= _state << 13;
            _state ^= _state >> 17;
            _state ^= _state << 5;
            return _state / (double)uint.MaxValue;
        }
    }
}
