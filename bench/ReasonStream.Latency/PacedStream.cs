using ReasonStream.Testing;

namespace ReasonStream.Latency;

/// <summary>
/// The measured stream: DeepSeek-shaped chat chunks from <see cref="ScriptedReply"/> (half reasoning, half answer),
/// each delta's text ending in a marker <c>~SEQ~</c> so every party — the socket, a floor, the library, the CLI's
/// output — can tell which delta it is holding. The marker is plain ASCII, so it reaches every consumer unchanged.
/// </summary>
internal static class PacedStream
{
    private static readonly string[] Words = ["Let", " me", " think", " about", " the", " proof", ",", " step", " by", " step", ".", " Fermat", "'s", " theorem", " 费马", " 🤔"];

    public static ScriptedReply Reply(int deltas)
    {
        var reply = new ScriptedReply(WireProtocol.ChatCompletions, "deepseek-flash") { ResponseId = "33be18fc-3842-486c-8c29-dd8e578f7f20" };
        for (int i = 0; i < deltas; i++)
        {
            string text = $"{Words[i % Words.Length]}~{i}~";
            if (i < deltas / 2) reply.Reasoning(text);
            else reply.Answer(text);
        }

        return reply.Usage(prompt: 6, completion: deltas, reasoning: deltas / 2, cached: 0).Finish(FinishReasons.Stop);
    }

    /// <summary>How many events come before the first delta (the opening chunk that names the model).</summary>
    public static int OpeningEvents(ScriptedReply reply) => reply.Events().TakeWhile(e => e.Part == ScriptedPart.Opening).Count();
}
