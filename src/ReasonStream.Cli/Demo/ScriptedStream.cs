using ReasonStream.Testing;

namespace ReasonStream.Cli.Demo;

/// <summary>
/// Turns a <see cref="DemoTurn"/> into a replay response in the chosen protocol's wire format (written by the
/// Testing library's <see cref="ScriptedReply"/>) with a timing that paces it like a real model: a pause before
/// the first token, tokens at a human-watchable rate, a beat at the end of sentences and between thinking and answering.
/// </summary>
internal static class ScriptedStream
{
    private static readonly TimeSpan FirstToken = TimeSpan.FromMilliseconds(700);
    private static readonly TimeSpan ThinkingToAnswer = TimeSpan.FromMilliseconds(350);

    public static ReplayResponse Build(DemoTurn turn, int index, DemoTarget target, double speed, bool fullSpeed)
    {
        var reasoning = Tokenizer.Split(turn.Reasoning.TrimEnd());
        var answer = Tokenizer.Split(turn.Answer.TrimEnd());
        var reply = new ScriptedReply(target.Protocol, target.Model) { ResponseId = $"demo-{index + 1:D4}" }
            .Reasoning([.. reasoning])
            .Answer([.. answer])
            .Usage(turn.PromptTokens, reasoning.Count + answer.Count, reasoning.Count, turn.CachedPromptTokens)
            .Finish(FinishReasons.Stop);
        if (fullSpeed) return reply.ToResponse();

        var jitter = new Jitter((uint)(42 + index));
        bool first = true, answering = false;
        var response = reply.ToResponse(e =>
        {
            var gap = TimeSpan.Zero;
            if (first) gap = FirstToken;
            first = false;
            if (e.Part == ScriptedPart.Answer && !answering)
            {
                answering = true;
                gap += ThinkingToAnswer;
            }

            return e.Part switch
            {
                ScriptedPart.Reasoning => gap + TokenGap(e.Text, jitter, 19),
                ScriptedPart.Answer => gap + TokenGap(e.Text, jitter, 15),
                ScriptedPart.Closing => gap + TimeSpan.FromMilliseconds(5),
                _ => gap,
            };
        });
        return response with { Pacing = response.Pacing with { SpeedFactor = speed } };
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
