using System.Text;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Wire;

/// <summary>
/// The same bytes give the same updates however the network cuts them into reads — byte at a time,
/// at random, and at every offset of a body full of multi-byte UTF-8 — through both the async and the sync API.
/// </summary>
public sealed class SplitInvarianceTests
{
    // Raw UTF-8 in the JSON, as providers send it, so reads split characters.
    private static readonly string Multilingual = Sse.Body(Sse.DeepSeek()
        .Reasoning("用户问的是费马大定理。", " 🤔 Let's think… ∑ é")
        .Answer("答案：怀尔斯证明了它 🎉", " — done ✅")
        .Usage(prompt: 1, completion: 2));

    public static TheoryData<string> Bodies()
    {
        var data = new TheoryData<string> { "own:multilingual" };
        foreach (var name in Captures.Names("*.sse", "*.chunks.jsonl", "*.ndjson")) data.Add(name);
        return data;
    }

    private static byte[] BodyOf(string name) => name == "own:multilingual" ? Encoding.UTF8.GetBytes(Multilingual) : Captures.Body(name);

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Byte_at_a_time_and_random_reads_give_identical_updates(string name)
    {
        byte[] body = BodyOf(name);
        var protocol = name.StartsWith("own:", StringComparison.Ordinal) ? WireProtocol.ChatCompletions : Captures.ProtocolOf(name);
        var reference = await Outcome(body, _ => int.MaxValue, protocol);
        Assert.Equal(reference, await Outcome(body, _ => 1, protocol));
        var random = new Random(name.Length * 7919);
        var sizes = Enumerable.Range(0, 4096).Select(_ => random.Next(1, 97)).ToArray();
        Assert.Equal(reference, await Outcome(body, n => sizes[n % sizes.Length], protocol));
        Assert.Equal(reference, SyncOutcome(body, n => sizes[(n + 11) % sizes.Length], protocol));
    }

    [Fact]
    public async Task Multi_byte_characters_split_at_every_byte_offset()
    {
        byte[] body = Encoding.UTF8.GetBytes(Multilingual);
        var reference = await Outcome(body, _ => int.MaxValue);
        Assert.Contains("R:用户问的是费马大定理。 🤔 Let's think… ∑ é", reference);
        Assert.Contains("A:答案：怀尔斯证明了它 🎉 — done ✅", reference);
        for (int cut = 1; cut < body.Length; cut++)
        {
            int at = cut;
            Assert.Equal(reference, await Outcome(body, n => n == 0 ? at : int.MaxValue));
        }
    }

    [Fact]
    public async Task CRLF_and_no_space_after_data_frame_the_same_events()
    {
        string lf = Sse.Body(Sse.DeepSeek().Reasoning("a").Answer("b"));
        var reference = await Outcome(Encoding.UTF8.GetBytes(lf), _ => int.MaxValue);
        Assert.Equal(reference, await Outcome(Encoding.UTF8.GetBytes(lf.Replace("\n", "\r\n", StringComparison.Ordinal)), _ => 1));
        Assert.Equal(reference, await Outcome(Encoding.UTF8.GetBytes(lf.Replace("data: ", "data:", StringComparison.Ordinal)), _ => 3));
        Assert.Equal(reference, await Outcome(Encoding.UTF8.GetBytes(": keep-alive\n\n" + lf.Replace("\n\n", "\n\n: keep-alive\n\n", StringComparison.Ordinal)), _ => 5));
    }

    /// <summary>The updates, or the error, as comparable text.</summary>
    private static async Task<List<string>> Outcome(byte[] body, Func<int, int> readSize, WireProtocol protocol = WireProtocol.ChatCompletions)
    {
        using var client = InMemoryHandler.Client(body, readSize, protocol: protocol);
        var updates = new List<StreamUpdate>();
        try
        {
            await foreach (var update in client.StreamAsync(Updates.Ask())) updates.Add(update);
        }
        catch (ReasonStreamException ex)
        {
            return [.. Updates.Normalized(updates), "E:" + ex.GetType().Name + ":" + ex.PartialResult?.Answer.Length];
        }

        return Updates.Normalized(updates);
    }

    private static List<string> SyncOutcome(byte[] body, Func<int, int> readSize, WireProtocol protocol)
    {
        using var client = InMemoryHandler.Client(body, readSize, protocol: protocol);
        var updates = new List<StreamUpdate>();
        try
        {
            foreach (var update in client.Stream(Updates.Ask())) updates.Add(update);
        }
        catch (ReasonStreamException ex)
        {
            return [.. Updates.Normalized(updates), "E:" + ex.GetType().Name + ":" + ex.PartialResult?.Answer.Length];
        }

        return Updates.Normalized(updates);
    }
}
