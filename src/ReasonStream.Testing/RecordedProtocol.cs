using System.Text;

namespace ReasonStream.Testing;

/// <summary>
/// Tells which wire protocol a recorded response body speaks, from its first event — for replaying a file
/// without being told (<c>reason replay</c>). A recording is known before it is served, so this is a choice made
/// once, before the request, not a guess made chunk by chunk.
/// </summary>
public static class RecordedProtocol
{
    /// <summary>The protocol of a recorded body, or null when its first event is not one ReasonStream reads.</summary>
    /// <param name="body">The body as served: SSE, or newline-delimited JSON.</param>
    public static WireProtocol? Detect(ReadOnlySpan<byte> body)
    {
        // The first non-comment event's data, or the first line of NDJSON; a few KB are plenty.
        string head = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 16 * 1024)]);
        foreach (string raw in head.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith(':')) continue;
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                string name = line["event:".Length..].Trim();
                if (name.StartsWith("response.", StringComparison.Ordinal)) return WireProtocol.Responses;
                if (name is "message_start" or "content_block_start" or "ping") return WireProtocol.AnthropicMessages;
                continue;
            }

            string data = line.StartsWith("data:", StringComparison.Ordinal) ? line["data:".Length..].Trim() : line;
            if (data == "[DONE]") continue;
            return Classify(data, ndjson: !line.StartsWith("data:", StringComparison.Ordinal));
        }

        return null;
    }

    private static WireProtocol? Classify(string json, bool ndjson)
    {
        if (json.Contains("\"type\":\"response.", StringComparison.Ordinal) || json.Contains("\"type\": \"response.", StringComparison.Ordinal)) return WireProtocol.Responses;
        if (json.Contains("\"message_start\"", StringComparison.Ordinal) || json.Contains("\"content_block_", StringComparison.Ordinal)) return WireProtocol.AnthropicMessages;
        if (json.Contains("\"candidates\"", StringComparison.Ordinal) || json.Contains("\"usageMetadata\"", StringComparison.Ordinal)) return WireProtocol.GeminiGenerateContent;
        if (ndjson && (json.Contains("\"done\"", StringComparison.Ordinal) || json.Contains("\"error\"", StringComparison.Ordinal))) return WireProtocol.OllamaChat;
        if (json.Contains("\"choices\"", StringComparison.Ordinal) || json.Contains("\"error\"", StringComparison.Ordinal)) return WireProtocol.ChatCompletions;
        return null;
    }
}
