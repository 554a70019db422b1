using System.Text;
using ReasonStream.Testing;

namespace ReasonStream.Tests.Support;

/// <summary>
/// SSE bodies for the project's own fixtures: replies come from <see cref="ScriptedReply"/>; a test about one wire shape
/// writes its payloads literally and frames them with <see cref="Events"/>.
/// </summary>
public static class Sse
{
    /// <summary>Frames literal payloads: <c>data: PAYLOAD\n\n</c> each.</summary>
    public static string Events(params string[] payloads)
    {
        var builder = new StringBuilder();
        foreach (var payload in payloads) builder.Append("data: ").Append(payload).Append("\n\n");
        return builder.ToString();
    }

    public static string Done => "data: [DONE]\n\n";

    /// <summary>A DeepSeek reply (chat completions, <c>reasoning_content</c>) to add steps to.</summary>
    public static ScriptedReply DeepSeek() => new(WireProtocol.ChatCompletions, "deepseek-flash");

    /// <summary>The reply's whole stream, as text.</summary>
    public static string Body(ScriptedReply reply) => Encoding.UTF8.GetString(reply.ToBytes());

    /// <summary>The reply's stream cut where it would close: no finish, no usage, no <c>[DONE]</c> — an interrupted stream.</summary>
    public static string Unfinished(ScriptedReply reply) =>
        string.Concat(reply.Events().Where(e => e.Part != ScriptedPart.Closing).Select(e => Encoding.UTF8.GetString(e.Bytes.Span)));
}
