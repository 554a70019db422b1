using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace ReasonStream.Extensions.AI;

/// <summary>
/// How a native protocol's reasoning block (Anthropic thinking with its signature, redacted thinking, a Responses
/// reasoning item, a Gemini thought signature) rides in <see cref="TextReasoningContent.ProtectedData"/>: a small
/// JSON object naming the protocol and carrying what the provider needs back. Streaming ends each block with an
/// empty reasoning content holding it, so <c>ToChatResponse</c> merges the block's text and its protected data into
/// one content, as Microsoft.Extensions.AI intends.
/// </summary>
internal static class ProtectedReasoning
{
    private const string Marker = "reasonstream";

    public static string Encode(ReasoningBlock block) => new JsonObject
    {
        [Marker] = 1,
        ["protocol"] = WireProtocols.NameOf(block.Protocol),
        ["origin"] = block.Origin,
        ["signature"] = block.Signature,
        ["encrypted"] = block.EncryptedContent,
        ["redacted"] = block.IsRedacted ? true : null,
        ["item"] = block.ItemJson is null ? null : JsonNode.Parse(block.ItemJson),
        // Where it streamed: the adapter hands tool calls over at the end, so the order of a message's contents
        // cannot say whether a block came after a call.
        ["answer_at"] = block.PrecedingAnswerLength,
        ["calls_at"] = block.PrecedingToolCalls,
    }.ToJsonString();

    /// <summary>
    /// The block a content carries — placed where it streamed, else after <paramref name="answerLength"/> characters and
    /// <paramref name="toolCalls"/> calls (the order of the message's contents) —; null for other protected data.
    /// </summary>
    public static ReasoningBlock? Decode(TextReasoningContent content, int answerLength, int toolCalls)
    {
        if (content.ProtectedData is not { } data || data.AsSpan().TrimStart() is not ['{', ..]) return null;
        try
        {
            if (JsonNode.Parse(data) is not JsonObject envelope || !envelope.ContainsKey(Marker)) return null;
            if (!WireProtocols.TryParse((string?)envelope["protocol"], out var protocol)) return null;
            return new ReasoningBlock
            {
                Text = content.Text,
                Protocol = protocol,
                Origin = (string?)envelope["origin"],
                Signature = (string?)envelope["signature"],
                EncryptedContent = (string?)envelope["encrypted"],
                IsRedacted = (bool?)envelope["redacted"] ?? false,
                ItemJson = envelope["item"]?.ToJsonString(),
                PrecedingAnswerLength = (int?)envelope["answer_at"] ?? answerLength,
                PrecedingToolCalls = (int?)envelope["calls_at"] ?? toolCalls,
            };
        }
        catch (JsonException)
        {
            return null; // someone else's protected data: not ours to send
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
