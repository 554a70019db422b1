using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReasonStream;

/// <summary>
/// Writes a <see cref="ChatRequest"/> as a Responses API body: system text as <c>instructions</c>, the history as
/// input items — an assistant turn as its reasoning items (passed back as received, less output-only fields), its
/// text and its <c>function_call</c>s in the order they streamed, tool results as <c>function_call_output</c>.
/// </summary>
internal static class ResponsesWriter
{
    public static byte[] Write(ChatRequest request, ProviderPreset provider) => RequestBody.Write((request, provider), static (json, state) =>
    {
        var (request, provider) = state;
        json.WriteStartObject();
        if (RequestBody.Mine(request, "model")) json.WriteString("model", request.Model);
        if (RequestBody.SystemText(request.Messages) is { } instructions && RequestBody.Mine(request, "instructions")) json.WriteString("instructions", instructions);
        if (RequestBody.Mine(request, "input"))
        {
            json.WriteStartArray("input");
            foreach (var message in request.Messages) WriteItems(json, message);
            json.WriteEndArray();
        }

        if (RequestBody.Mine(request, "stream")) json.WriteBoolean("stream", true);
        if (request.MaxTokens is { } max && RequestBody.Mine(request, "max_output_tokens")) json.WriteNumber("max_output_tokens", max);
        if (request.Temperature is { } temperature && RequestBody.Mine(request, "temperature")) json.WriteNumber("temperature", temperature);
        if (request.TopP is { } topP && RequestBody.Mine(request, "top_p")) json.WriteNumber("top_p", topP);
        if (request.Stop is { Count: > 0 }) throw new ArgumentException("The Responses API has no stop sequences; remove ChatRequest.Stop or use chat completions.", nameof(request));
        WriteReasoning(json, request, provider);
        if (request.Tools is { Count: > 0 } tools && RequestBody.Mine(request, "tools")) WriteTools(json, tools);
        if (request.ToolChoice is { } choice && request.Tools is { Count: > 0 } && RequestBody.Mine(request, "tool_choice")) WriteToolChoice(json, choice);
        if (request.ResponseFormat is { } format && RequestBody.Mine(request, "text")) WriteFormat(json, format);

        // Not storing the response (store: false) needs the reasoning encrypted, to pass it back in the next turn. OpenAI's
        // reasoning models get that by default: the next turn then does not depend on what OpenAI kept (zero data retention).
        bool statelessByDefault = provider.RequestsReasoningSummaries && ReasoningModels.LikelyOpenAIReasoning(request.Model);
        if (statelessByDefault && RequestBody.Mine(request, "store")) json.WriteBoolean("store", false);
        bool notStoring = request.ExtraBody?.TryGetValue("store", out var store) == true ? store?.GetValueKind() == JsonValueKind.False : statelessByDefault;
        if (notStoring && RequestBody.Mine(request, "include"))
        {
            json.WriteStartArray("include");
            json.WriteStringValue("reasoning.encrypted_content");
            json.WriteEndArray();
        }

        RequestBody.WriteExtra(json, request);
        json.WriteEndObject();
    });

    private static void WriteReasoning(Utf8JsonWriter json, ChatRequest request, ProviderPreset provider)
    {
        if (!RequestBody.Mine(request, "reasoning")) return;
        bool openAI = ReasoningModels.LikelyOpenAIReasoning(request.Model);
        string? effort = request.ReasoningEffort ?? (request.Thinking == false ? "none" : null);
        if (openAI) effort = ReasoningModels.OpenAIEffort(request.Model, effort);
        // Models that do not reason reject the field: ask for summaries only where the model reasons.
        bool summary = provider.RequestsReasoningSummaries && request.Thinking != false && effort != "none" && (effort is not null || openAI);
        if (effort is null && !summary) return;
        json.WriteStartObject("reasoning");
        if (effort is not null) json.WriteString("effort", effort);
        if (summary) json.WriteString("summary", "auto");
        json.WriteEndObject();
    }

    private static void WriteItems(Utf8JsonWriter json, Message message)
    {
        switch (message.Role)
        {
            case MessageRole.System:
                break; // in "instructions"
            case MessageRole.User:
                json.WriteStartObject();
                json.WriteString("role", "user");
                json.WriteString("content", message.Content ?? "");
                json.WriteEndObject();
                break;
            case MessageRole.Tool:
                json.WriteStartObject();
                json.WriteString("type", "function_call_output");
                json.WriteString("call_id", message.ToolCallId ?? "");
                json.WriteString("output", message.Content ?? "");
                json.WriteEndObject();
                break;
            default:
                WriteAssistant(json, message);
                break;
        }
    }

    private static void WriteAssistant(Utf8JsonWriter json, Message message)
    {
        // The items go back in the order they streamed: a reasoning item must be followed by what it produced.
        string text = message.Content ?? "";
        var calls = message.ToolCalls ?? [];
        int textAt = 0, callAt = 0;
        foreach (var block in message.ReasoningBlocks ?? [])
        {
            if (block.Protocol != WireProtocol.Responses || block.ItemJson is null) continue;
            WriteText(json, text, ref textAt, Math.Min(block.PrecedingAnswerLength, text.Length));
            while (callAt < Math.Min(block.PrecedingToolCalls, calls.Count)) WriteCall(json, calls[callAt++]);
            WriteReasoningItem(json, block.ItemJson);
        }

        WriteText(json, text, ref textAt, text.Length);
        while (callAt < calls.Count) WriteCall(json, calls[callAt++]);
    }

    private static void WriteText(Utf8JsonWriter json, string text, ref int from, int to)
    {
        if (to <= from) return;
        json.WriteStartObject();
        json.WriteString("role", "assistant");
        json.WriteString("content", text[from..to]);
        json.WriteEndObject();
        from = to;
    }

    private static void WriteCall(Utf8JsonWriter json, ToolCall call)
    {
        json.WriteStartObject();
        json.WriteString("type", "function_call");
        json.WriteString("call_id", call.Id);
        json.WriteString("name", call.Name);
        json.WriteString("arguments", call.Arguments);
        json.WriteEndObject();
    }

    private static void WriteReasoningItem(Utf8JsonWriter json, string itemJson)
    {
        // As received, less what only output carries: "status" and null fields are rejected in input.
        if (JsonNode.Parse(itemJson) is not JsonObject item) return;
        item.Remove("status");
        foreach (var name in item.Where(p => p.Value is null).Select(p => p.Key).ToList()) item.Remove(name);
        item.WriteTo(json);
    }

    private static void WriteTools(Utf8JsonWriter json, IReadOnlyList<ToolDefinition> tools)
    {
        json.WriteStartArray("tools");
        foreach (var tool in tools)
        {
            json.WriteStartObject();
            json.WriteString("type", "function");
            json.WriteString("name", tool.Name);
            if (tool.Description is not null) json.WriteString("description", tool.Description);
            json.WritePropertyName("parameters");
            RequestBody.WriteSchema(json, tool.Parameters);
            if (tool.Strict is { } strict) json.WriteBoolean("strict", strict);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteToolChoice(Utf8JsonWriter json, ToolChoice choice)
    {
        if (choice.FunctionName is null)
        {
            json.WriteString("tool_choice", choice.Mode);
            return;
        }

        json.WriteStartObject("tool_choice");
        json.WriteString("type", "function");
        json.WriteString("name", choice.FunctionName);
        json.WriteEndObject();
    }

    private static void WriteFormat(Utf8JsonWriter json, ResponseFormat format)
    {
        json.WriteStartObject("text");
        json.WriteStartObject("format");
        json.WriteString("type", format.Type);
        if (format.Type == "json_schema")
        {
            json.WriteString("name", format.SchemaName ?? "response");
            if (format.Schema is { } schema)
            {
                json.WritePropertyName("schema");
                schema.WriteTo(json);
            }

            if (format.Strict is { } strict) json.WriteBoolean("strict", strict);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
