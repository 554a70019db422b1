using System.Net.ServerSentEvents;
using System.Text;
using ReasonStream.Testing;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Wire;

/// <summary>
/// The chat-completions reader's fast path (<see cref="CommonChunk"/>) gives exactly what the full reader gives: the same
/// updates, state and errors, on every recorded stream, on scripted replies, on odd but valid chunks, and on tens of
/// thousands of mutated chunks, valid or not. Each event is read by two readers, one with the fast path off.
/// </summary>
public sealed class FastPathEquivalenceTests
{
    private const string Head = """{"id":"x1","object":"chat.completion.chunk","created":1752169304,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":null,"reasoning_content":""},"logprobs":null,"finish_reason":null}],"usage":null}""";

    /// <summary>Chunks the fast path must read itself or leave alone — both ways the outcome is the full reader's.</summary>
    private static readonly string[] Seeds =
    [
        """{"id":"x1","object":"chat.completion.chunk","created":1752169304,"model":"m","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"content":null,"reasoning_content":"Let me think"},"logprobs":null,"finish_reason":null}],"usage":null}""",
        """{"id":"x1","object":"chat.completion.chunk","created":1752169304,"model":"m","choices":[{"index":0,"delta":{"content":" 费马 🤔","reasoning_content":null},"logprobs":null,"finish_reason":null}],"usage":null}""",
        """{"id":"x1","choices":[{"index":0,"delta":{"content":"line\nbreak \"quoted\" \u00e9 \ud83e\udd14 \\ end"},"finish_reason":null}]}""",
        """{"id":"x1","choices":[{"index":0,"delta":{"content":"","reasoning_content":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":6,"completion_tokens":2,"total_tokens":8}}""",
        """{"id":"x1","choices":[{"index":0,"delta":{},"finish_reason":"length"}]}""",
        """{"id":"x1","choices":[]}""",
        """{"choices":[{"delta":{"reasoning":"vllm style","reasoning_content":"both"}}]}""",
        """{"choices":[{"delta":{"thinking":"ollama style"}}]}""",
        """{"choices":[{"index":1,"delta":{"content":"second choice"}}]}""",
        """{"choices":[{"index":0,"delta":{"content":"a"}},{"index":1,"delta":{"content":"b"}}]}""",
        """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":""}}]}}]}""",
        """{"choices":[{"index":0,"delta":{"content":[{"type":"thinking","thinking":[{"type":"text","text":"mistral"}]},{"type":"text","text":"answer"}]}}]}""",
        """{"choices":[{"index":0,"delta":{"reasoning_details":[{"type":"reasoning.text","text":"or"}],"reasoning":"or"}}]}""",
        """{ "id" : "x1" , "choices" : [ { "index" : 0 , "delta" : { "content" : "spaced" } , "finish_reason" : null } ] }""",
        """{"id":"x1","choices":[{"index":0,"delta":{"content":"<think>tag"}}],"x_groq":{"id":"req"}}""",
        """{"error":{"message":"overloaded","code":"server_error"}}""",
        """{"choices":[{"index":0,"finishReason":"stop","delta":{"content":"camel"}}],"created":-0,"n":12.5e3,"t":true,"f":false}""",
        """{"choices":[{"index":0,"message":{"role":"assistant","content":"whole reply","reasoning_content":"whole thinking"},"finish_reason":"stop"}]}""",
        """{"\u0063hoices":[{"index":0,"delta":{"content":"escaped name"}}]}""",
        """{"choices":[{"index":0,"delta":{"content":"a","content":"b","content":null}}],"choices":[{"delta":{"content":"c"}}]}""",
        """{"type":"message_start","message":{"id":"msg_1"}}""",
        """{}""",
    ];

    public static TheoryData<string> ChatCaptures()
    {
        var data = new TheoryData<string>();
        foreach (var name in Captures.Names("*.sse", "*.chunks.jsonl"))
        {
            if (Captures.ProtocolOf(name) == WireProtocol.ChatCompletions) data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ChatCaptures))]
    public void Every_recorded_chat_stream_reads_the_same_on_both_paths(string name)
    {
        var events = EventsOf(Captures.Body(name));
        Assert.Equal(Outcome(events, fastPath: false), Outcome(events, fastPath: true));
    }

    [Fact]
    public void The_benchmark_stream_takes_the_fast_path_for_all_but_its_first_and_last_chunks()
    {
        var events = EventsOf(new ScriptedReply(WireProtocol.ChatCompletions, "deepseek-flash")
            .Reasoning("Let", " me", " think", " 费马", " 🤔", "\n", "\"quoted\"").Answer("The", " answer", ".")
            .Usage(prompt: 6, completion: 10, reasoning: 7, cached: 0).ToBytes());
        Assert.Equal(Outcome(events, fastPath: false), Outcome(events, fastPath: true));

        int fast = 0;
        for (int i = 0; i < events.Count; i++)
        {
            if (CommonChunk.TryRead(Encoding.UTF8.GetBytes(events[i]), metadataSent: i > 0, out _)) fast++;
        }

        Assert.Equal(events.Count - 3, fast); // the opening chunk names the model; the closing one carries usage; [DONE]
    }

    [Fact]
    public void Odd_but_valid_chunks_and_foreign_ones_read_the_same_on_both_paths()
    {
        foreach (var seed in Seeds)
        {
            Assert.Equal(Outcome([Head, seed], fastPath: false), Outcome([Head, seed], fastPath: true));
            Assert.Equal(Outcome([seed], fastPath: false), Outcome([seed], fastPath: true));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Mutated_chunks_valid_or_not_read_the_same_on_both_paths(int seed)
    {
        var random = new Random(seed);
        byte[] alphabet = Encoding.UTF8.GetBytes("\"\\{}[],:0123456789-+.eEnulltruefalse \t\r\nu/bfx");
        for (int round = 0; round < 5_000; round++)
        {
            byte[] chunk = Encoding.UTF8.GetBytes(Seeds[random.Next(Seeds.Length)]);
            var mutated = new List<byte>(chunk);
            for (int edits = random.Next(1, 4); edits > 0 && mutated.Count > 0; edits--)
            {
                int at = random.Next(mutated.Count);
                byte b = random.Next(4) switch
                {
                    0 => (byte)random.Next(256),
                    _ => alphabet[random.Next(alphabet.Length)],
                };
                switch (random.Next(3))
                {
                    case 0: mutated[at] = b; break;
                    case 1: mutated.Insert(at, b); break;
                    default: mutated.RemoveAt(at); break;
                }
            }

            var data = mutated.ToArray();
            Assert.Equal(Outcome(Head, data, fastPath: false), Outcome(Head, data, fastPath: true));
        }
    }

    [Fact]
    public void Every_kind_of_byte_at_every_offset_of_names_and_values_reads_the_same_on_both_paths()
    {
        // The fast path reads strings eight bytes at a time: put each kind of byte at each place in a word.
        byte[][] specials = [[(byte)'"'], [(byte)'\\', (byte)'n'], [(byte)'\\', (byte)'u', (byte)'0', (byte)'0', (byte)'4', (byte)'1'], [(byte)'\\'], [0x01], [0x7F], [0xC3, 0xA9], [0xE8, 0xB4, 0xB9], [0xF0, 0x9F, 0xA4, 0x94], [0xFF], [0xC3], [(byte)' ']];
        foreach (var special in specials)
        {
            for (int length = 0; length <= 20; length++)
            {
                for (int at = 0; at <= length; at++)
                {
                    byte[] text = [.. Enumerable.Repeat((byte)'a', at), .. special, .. Enumerable.Repeat((byte)'b', length - at)];
                    foreach (var template in (string[])["{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"#\"}}]}", "{\"choices\":[{\"index\":0,\"delta\":{\"#\":\"x\"}}],\"model\":\"#\"}"])
                    {
                        int hole = template.IndexOf('#', StringComparison.Ordinal);
                        byte[] data = [.. Encoding.UTF8.GetBytes(template[..hole]), .. text, .. Encoding.UTF8.GetBytes(template[(hole + 1)..].Replace("#", Encoding.Latin1.GetString(text), StringComparison.Ordinal))];
                        Assert.Equal(Outcome(Head, data, fastPath: false), Outcome(Head, data, fastPath: true));
                    }
                }
            }
        }
    }

    private static List<string> EventsOf(byte[] body)
    {
        var events = new List<string>();
        foreach (var item in SseParser.Create(new MemoryStream(body)).Enumerate())
        {
            events.Add(item.Data);
        }

        // A .chunks.jsonl capture is one JSON chunk per line.
        if (events.Count <= 1 && body.Length > 0 && body[0] == (byte)'{')
        {
            events = [.. Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }

        return events;
    }

    private static List<string> Outcome(IEnumerable<string> events, bool fastPath) =>
        Outcome(events.Select(Encoding.UTF8.GetBytes).ToList(), fastPath);

    private static List<string> Outcome(string head, byte[] data, bool fastPath) => Outcome([Encoding.UTF8.GetBytes(head), data], fastPath);

    /// <summary>Every update, error and piece of reader state, in order, as text.</summary>
    private static List<string> Outcome(List<byte[]> events, bool fastPath)
    {
        var reader = new ChatCompletionsReader(new ReasoningClientOptions { Dialect = ReasoningDialect.Auto }) { UsesFastPath = fastPath };
        var outcome = new List<string>();
        var output = new List<StreamUpdate>();
        foreach (var data in events)
        {
            try
            {
                reader.Parse("message", data, output);
            }
            catch (Exception ex)
            {
                outcome.Add("E:" + ex.GetType().Name + ":" + ex.Message);
            }

            outcome.AddRange(output.Select(update => update.ToString()));
            outcome.Add($"S:{reader.FinishReason}:{reader.Done}:{reader.Error}:{reader.Events}");
            output.Clear();
        }

        reader.Flush(output);
        outcome.AddRange(output.Select(update => update.ToString()));
        return outcome;
    }
}
