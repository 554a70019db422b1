using System.Text.Json;

namespace ReasonStream;

/// <summary>
/// Reads the typed events of the Responses API (<c>response.reasoning_text.delta</c>,
/// <c>response.reasoning_summary_text.delta</c>, <c>response.output_text.delta</c>, …) and of Anthropic
/// Messages (<c>content_block_delta</c> with <c>thinking_delta</c> / <c>text_delta</c>, …) into the same
/// updates. These formats are off the chat-completions hot path, so a pooled <see cref="JsonDocument"/> is used.
/// </summary>
internal static class EventReader
{
    /// <summary>True for the <c>type</c> values this reader understands.</summary>
    public static bool Handles(ReadOnlySpan<byte> type) =>
        type.StartsWith("response."u8) || type.SequenceEqual("error"u8) || type.StartsWith("message_"u8) ||
        type.StartsWith("content_block_"u8) || type.SequenceEqual("ping"u8);

    public static void Parse(ReadOnlySpan<byte> data, ChunkParser state, List<StreamUpdate> output)
    {
        using var document = JsonDocument.Parse(data.ToArray());
        var root = document.RootElement;
        string type = root.GetProperty("type").GetString() ?? "";
        switch (type)
        {
            case "response.created" or "response.in_progress":
                if (root.TryGetProperty("response", out var created) && state.TakeMetadataSlot())
                {
                    output.Add(new StreamMetadata(Text(created, "id"), Text(created, "model"), null));
                }

                break;
            case "response.reasoning_text.delta" or "response.reasoning_summary_text.delta":
                if (Text(root, "delta") is { Length: > 0 } thought) output.Add(new ReasoningDelta(thought));
                break;
            case "response.reasoning_summary_part.added":
                // Summary parts are separate paragraphs; keep them apart.
                if (root.TryGetProperty("summary_index", out var part) && part.ValueKind == JsonValueKind.Number && part.GetInt32() > 0)
                {
                    output.Add(new ReasoningDelta("\n\n"));
                }

                break;
            case "response.output_text.delta":
                if (Text(root, "delta") is { Length: > 0 } text) state.FeedContent(text, output);
                break;
            case "response.output_item.added":
                if (root.TryGetProperty("item", out var item) && Text(item, "type") == "function_call")
                {
                    output.Add(new ToolCallDelta(Int(root, "output_index") ?? 0, Text(item, "call_id") ?? Text(item, "id"), Text(item, "name"), Text(item, "arguments") ?? ""));
                }

                break;
            case "response.function_call_arguments.delta":
                output.Add(new ToolCallDelta(Int(root, "output_index") ?? 0, null, null, Text(root, "delta") ?? ""));
                break;
            case "response.completed" or "response.incomplete":
                if (root.TryGetProperty("response", out var done))
                {
                    if (done.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object) output.Add(new UsageUpdate(UsageReader.Read(usage)));
                    bool calledTools = done.TryGetProperty("output", out var items) && items.ValueKind == JsonValueKind.Array &&
                        items.EnumerateArray().Any(i => Text(i, "type") == "function_call");
                    string reason = type == "response.completed" ? (calledTools ? FinishReasons.ToolCalls : FinishReasons.Stop)
                        : done.TryGetProperty("incomplete_details", out var details) && Text(details, "reason") is { } why ? FinishReasons.Normalize(why) : FinishReasons.Length;
                    state.SetFinish(reason);
                }

                state.SetDone();
                break;
            case "response.failed" or "error":
                state.SetError(ProviderError.FromElement(root) ?? new ProviderError(root.GetRawText(), null, null));
                break;

            case "message_start":
                if (root.TryGetProperty("message", out var message))
                {
                    if (state.TakeMetadataSlot()) output.Add(new StreamMetadata(Text(message, "id"), Text(message, "model"), null));
                    if (message.TryGetProperty("usage", out var startUsage) && startUsage.ValueKind == JsonValueKind.Object) output.Add(new UsageUpdate(UsageReader.Read(startUsage)));
                }

                break;
            case "content_block_start":
                if (root.TryGetProperty("content_block", out var block) && Text(block, "type") == "tool_use")
                {
                    output.Add(new ToolCallDelta(Int(root, "index") ?? 0, Text(block, "id"), Text(block, "name"), ""));
                }

                break;
            case "content_block_delta":
                if (root.TryGetProperty("delta", out var delta))
                {
                    switch (Text(delta, "type"))
                    {
                        case "thinking_delta" when Text(delta, "thinking") is { Length: > 0 } thinking:
                            output.Add(new ReasoningDelta(thinking));
                            break;
                        case "text_delta" when Text(delta, "text") is { Length: > 0 } answer:
                            state.FeedContent(answer, output);
                            break;
                        case "input_json_delta":
                            output.Add(new ToolCallDelta(Int(root, "index") ?? 0, null, null, Text(delta, "partial_json") ?? ""));
                            break;
                    }
                }

                break;
            case "message_delta":
                if (root.TryGetProperty("delta", out var messageDelta) && Text(messageDelta, "stop_reason") is { } stop) state.SetFinish(FinishReasons.Normalize(stop));
                if (root.TryGetProperty("usage", out var deltaUsage) && deltaUsage.ValueKind == JsonValueKind.Object) output.Add(new UsageUpdate(UsageReader.Read(deltaUsage)));
                break;
            case "message_stop" or "response.done":
                state.SetDone();
                break;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) ? n : null;
}
