using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReasonStream.Extensions.AI.Tests.Support;

/// <summary>Builds DeepSeek-format chat-completion streams: reasoning_content, content, tool_calls, usage on the last chunk.</summary>
public sealed class Sse(string id = "resp-1", string model = "deepseek-flash")
{
    private readonly StringBuilder _body = new();

    public Sse Reasoning(params string[] pieces)
    {
        foreach (var piece in pieces) Chunk(new JsonObject { ["content"] = null, ["reasoning_content"] = piece });
        return this;
    }

    public Sse Answer(params string[] pieces)
    {
        foreach (var piece in pieces) Chunk(new JsonObject { ["content"] = piece, ["reasoning_content"] = null });
        return this;
    }

    /// <summary>A tool call in DeepSeek's fragments: id and name first, then the arguments in two pieces.</summary>
    public Sse ToolCall(int index, string callId, string name, string arguments)
    {
        int half = arguments.Length / 2;
        Chunk(new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = index, ["id"] = callId, ["type"] = "function", ["function"] = new JsonObject { ["name"] = name, ["arguments"] = "" } }) });
        Chunk(new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = index, ["function"] = new JsonObject { ["arguments"] = arguments[..half] } }) });
        Chunk(new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = index, ["function"] = new JsonObject { ["arguments"] = arguments[half..] } }) });
        return this;
    }

    public string Finish(string reason, int prompt = 30, int completion = 20, int reasoning = 12, int cached = 16)
    {
        var usage = new JsonObject
        {
            ["prompt_tokens"] = prompt,
            ["completion_tokens"] = completion,
            ["total_tokens"] = prompt + completion,
            ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = cached },
            ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = reasoning },
            ["prompt_cache_hit_tokens"] = cached,
            ["prompt_cache_miss_tokens"] = prompt - cached,
        };
        Chunk(new JsonObject { ["content"] = "", ["reasoning_content"] = null }, reason, usage);
        return _body.Append("data: [DONE]\n\n").ToString();
    }

    private void Chunk(JsonObject delta, string? finish = null, JsonObject? usage = null)
    {
        var chunk = new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion.chunk",
            ["created"] = 1764664568,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finish }),
            ["usage"] = usage,
        };
        _body.Append("data: ").Append(chunk.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })).Append("\n\n");
    }
}
