using System.Text;

namespace ReasonStream.Tests.Support;

/// <summary>Builds SSE bodies for the project's own fixtures.</summary>
public static class Sse
{
    public static string Events(params string[] payloads)
    {
        var builder = new StringBuilder();
        foreach (var payload in payloads) builder.Append("data: ").Append(payload).Append("\n\n");
        return builder.ToString();
    }

    public static string Done => "data: [DONE]\n\n";

    /// <summary>A DeepSeek-format chunk (choices first delta, usage null).</summary>
    public static string DeepSeek(string? reasoning = null, string? content = null, string? finish = null, string? usage = null) =>
        "{\"id\":\"ds-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"deepseek-flash\",\"choices\":[{\"index\":0,\"delta\":{" +
        "\"content\":" + Json(content) + ",\"reasoning_content\":" + Json(reasoning) + "},\"logprobs\":null,\"finish_reason\":" + Json(finish) + "}],\"usage\":" + (usage ?? "null") + "}";

    public static string Json(string? value) => value is null ? "null" : System.Text.Json.JsonSerializer.Serialize(value, TestJson.Default.String);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
public sealed partial class TestJson : System.Text.Json.Serialization.JsonSerializerContext;
