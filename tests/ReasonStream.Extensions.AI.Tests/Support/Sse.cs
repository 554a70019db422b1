using System.Text;
using ReasonStream.Testing;

namespace ReasonStream.Extensions.AI.Tests.Support;

/// <summary>
/// DeepSeek-format chat-completion streams for these tests, written by the Testing library's <see cref="ScriptedReply"/>
/// (the one stream builder of tests, benchmarks and the demo): reasoning_content, content, tool_calls, usage on the finish chunk.
/// </summary>
public sealed class Sse(string id = "resp-1", string model = "deepseek-flash")
{
    private readonly ScriptedReply _reply = new(WireProtocol.ChatCompletions, model) { ResponseId = id };

    public Sse Reasoning(params string[] pieces)
    {
        _reply.Reasoning(pieces);
        return this;
    }

    public Sse Answer(params string[] pieces)
    {
        _reply.Answer(pieces);
        return this;
    }

    /// <summary>A tool call in DeepSeek's fragments: id and name first, then the arguments in two pieces.</summary>
    public Sse ToolCall(int index, string callId, string name, string arguments)
    {
        Assert.Equal(_reply.Steps.Count(s => s.Part == ScriptedPart.ToolCall), index); // calls are numbered in order
        int half = arguments.Length / 2;
        _reply.ToolCall(callId, name, arguments[..half], arguments[half..]);
        return this;
    }

    public string Finish(string reason, int prompt = 30, int completion = 20, int reasoning = 12, int cached = 16) =>
        Encoding.UTF8.GetString(_reply.Usage(prompt, completion, reasoning, cached).Finish(reason).ToBytes());
}
