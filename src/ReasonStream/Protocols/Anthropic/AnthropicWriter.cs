using System.Text.Json;

namespace ReasonStream;

/// <summary>
/// Writes a <see cref="ChatRequest"/> as an Anthropic Messages body: system text on top, the history as content
/// blocks — an assistant turn as its thinking (with signatures), redacted thinking, text and <c>tool_use</c> blocks in
/// the order they streamed, tool results as <c>tool_result</c> blocks — and a valid thinking configuration.
/// </summary>
internal static class AnthropicWriter
{
    /// <summary>Anthropic's smallest thinking budget.</summary>
    private const int MinimumBudget = 1024;

    /// <summary>A default that every current Claude model accepts (Opus 4 and 4.1 allow 32,000 output tokens).</summary>
    private const int DefaultMaxTokens = 32000;

    /// <summary>Room left for the answer above the thinking budget, when the caller sets no limit.</summary>
    private const int AnswerRoom = 8192;

    public static byte[] Write(ChatRequest request) => RequestBody.Write(request, static (json, request) =>
    {
        var thinking = ThinkingFor(request);
        json.WriteStartObject();
        if (RequestBody.Mine(request, "model")) json.WriteString("model", request.Model);
        if (RequestBody.Mine(request, "max_tokens")) json.WriteNumber("max_tokens", thinking.MaxTokens);
        if (RequestBody.Mine(request, "stream")) json.WriteBoolean("stream", true);
        if (RequestBody.SystemText(request.Messages) is { } system && RequestBody.Mine(request, "system")) json.WriteString("system", system);
        if (RequestBody.Mine(request, "messages")) WriteMessages(json, request.Messages);
        if (RequestBody.Mine(request, "thinking"))
        {
            if (thinking.Adaptive)
            {
                json.WriteStartObject("thinking");
                json.WriteString("type", "adaptive");
                json.WriteString("display", "summarized"); // newer models omit the thinking text unless asked
                json.WriteEndObject();
            }
            else if (thinking.Budget is { } budget)
            {
                json.WriteStartObject("thinking");
                json.WriteString("type", "enabled");
                json.WriteNumber("budget_tokens", budget);
                json.WriteEndObject();
            }
        }

        if (thinking.Effort is { } effort && RequestBody.Mine(request, "output_config"))
        {
            json.WriteStartObject("output_config");
            json.WriteString("effort", effort);
            json.WriteEndObject();
        }

        // With thinking on Anthropic takes only its default sampling (temperature 1, no top_k, top_p near 1): the
        // caller's values would be a 400, so they are left out; turn thinking off to set them.
        bool thinks = thinking.Adaptive || thinking.Budget is not null;
        if (!thinks && request.Temperature is { } temperature && RequestBody.Mine(request, "temperature")) json.WriteNumber("temperature", temperature);
        if (!thinks && request.TopP is { } topP && RequestBody.Mine(request, "top_p")) json.WriteNumber("top_p", topP);
        if (request.Stop is { Count: > 0 } stop && RequestBody.Mine(request, "stop_sequences"))
        {
            json.WriteStartArray("stop_sequences");
            foreach (var s in stop) json.WriteStringValue(s);
            json.WriteEndArray();
        }

        if (request.Tools is { Count: > 0 } tools && RequestBody.Mine(request, "tools")) WriteTools(json, tools);
        if (request.ToolChoice is { } choice && request.Tools is { Count: > 0 } && RequestBody.Mine(request, "tool_choice")) WriteToolChoice(json, choice);
        if (request.ResponseFormat is { Type: not "text" }) throw new ArgumentException("ReasonStream does not map ResponseFormat onto the Anthropic Messages API; describe the format in the prompt or use ExtraBody.", nameof(request));
        RequestBody.WriteExtra(json, request);
        json.WriteEndObject();
    });

    /// <summary>
    /// The thinking configuration, chosen so the request is one Anthropic accepts:
    /// <list type="bullet">
    /// <item>Claude 4.6 and later think adaptively, their effort in <c>output_config.effort</c> (4.7 and later reject a
    /// budget; <c>xhigh</c> exists only from 4.7, <c>minimal</c> never); earlier models take a budget of at least 1,024
    /// tokens below <c>max_tokens</c>, chosen from the effort, with at least a quarter of <c>max_tokens</c> left for the answer.</item>
    /// <item>Budget thinking cannot be on while <c>tool_choice</c> forces a tool: thinking is left off then.</item>
    /// <item>A tool loop whose last assistant turn has no thinking block of Anthropic's to send back (its history came
    /// from another protocol or another endpoint, or was stripped) must not turn thinking on: Anthropic would reject the turn.</item>
    /// </list>
    /// </summary>
    internal static (bool Adaptive, int? Budget, string? Effort, int MaxTokens) ThinkingFor(ChatRequest request)
    {
        bool off = request.Thinking == false || request.ReasoningEffort is "none" || !CanThinkAfter(request.Messages);
        if (off) return (false, null, null, request.MaxTokens ?? DefaultMaxTokens);
        if (ReasoningModels.ClaudeVersion(request.Model) is { } version && (version.Major, version.Minor).CompareTo((4, 6)) >= 0)
        {
            bool xhigh = (version.Major, version.Minor).CompareTo((4, 7)) >= 0;
            string? effort = request.ReasoningEffort switch
            {
                null => null,
                "minimal" => "low",
                "xhigh" => xhigh ? "xhigh" : "max",
                var other => other,
            };
            return (true, null, effort, request.MaxTokens ?? DefaultMaxTokens);
        }

        if (request.ToolChoice is { } choice && (choice.FunctionName is not null || choice.Mode == "required"))
        {
            return (false, null, null, request.MaxTokens ?? DefaultMaxTokens);
        }

        int budget = request.ReasoningEffort switch
        {
            "minimal" => MinimumBudget,
            "low" => 2048,
            "high" => 16384,
            "xhigh" or "max" => 24000,
            _ => 8192,
        };
        int maxTokens = request.MaxTokens ?? Math.Min(DefaultMaxTokens, budget + AnswerRoom);
        budget = Math.Min(budget, maxTokens - Math.Max(MinimumBudget, maxTokens / 4));
        return budget < MinimumBudget ? (false, null, null, maxTokens) : (false, budget, null, maxTokens);
    }

    /// <summary>
    /// False when the turn in progress is a tool loop (tool results after the last user text) whose assistant message
    /// carries no signed or redacted Anthropic thinking: with thinking on, Anthropic requires that message to start with one.
    /// </summary>
    private static bool CanThinkAfter(IReadOnlyList<Message> messages)
    {
        for (int i = messages.Count - 1; i >= 0; i--)
        {
            var message = messages[i];
            if (message.Role == MessageRole.User) return true;
            if (message.Role == MessageRole.Assistant && message.ToolCalls is { Count: > 0 })
            {
                return message.ReasoningBlocks?.Any(b => b.Protocol == WireProtocol.AnthropicMessages && (b.IsRedacted || b.Signature is not null)) == true;
            }
        }

        return true;
    }

    private static void WriteMessages(Utf8JsonWriter json, IReadOnlyList<Message> messages)
    {
        json.WriteStartArray("messages");
        bool userOpen = false;
        foreach (var message in messages)
        {
            switch (message.Role)
            {
                case MessageRole.System:
                    break; // on top, in "system"
                case MessageRole.User when string.IsNullOrWhiteSpace(message.Content):
                    break; // Anthropic rejects empty text blocks; an empty question adds nothing
                case MessageRole.User or MessageRole.Tool:
                    // Consecutive user-side messages (tool results, then a question) form one user turn.
                    if (!userOpen)
                    {
                        json.WriteStartObject();
                        json.WriteString("role", "user");
                        json.WriteStartArray("content");
                        userOpen = true;
                    }

                    json.WriteStartObject();
                    if (message.Role == MessageRole.Tool)
                    {
                        json.WriteString("type", "tool_result");
                        json.WriteString("tool_use_id", message.ToolCallId ?? "");
                        json.WriteString("content", message.Content ?? "");
                        if (message.IsError) json.WriteBoolean("is_error", true);
                    }
                    else
                    {
                        json.WriteString("type", "text");
                        json.WriteString("text", message.Content ?? "");
                    }

                    json.WriteEndObject();
                    break;
                default:
                    if (!HasContent(message)) break; // an empty assistant turn is rejected; the turns around it merge
                    if (userOpen)
                    {
                        json.WriteEndArray();
                        json.WriteEndObject();
                        userOpen = false;
                    }

                    WriteAssistant(json, message);
                    break;
            }
        }

        if (userOpen)
        {
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteAssistant(Utf8JsonWriter json, Message message)
    {
        json.WriteStartObject();
        json.WriteString("role", "assistant");
        json.WriteStartArray("content");

        // Blocks go back exactly as they streamed, in order: thinking with its signature, redacted thinking, text, tool_use.
        string text = message.Content ?? "";
        var calls = message.ToolCalls ?? [];
        int textAt = 0, callAt = 0;
        foreach (var block in message.ReasoningBlocks ?? [])
        {
            if (block.Protocol != WireProtocol.AnthropicMessages) continue;
            if (!block.IsRedacted && block.Signature is null) continue; // an unsigned block would be rejected
            WriteText(json, text, ref textAt, Math.Min(block.PrecedingAnswerLength, text.Length));
            while (callAt < Math.Min(block.PrecedingToolCalls, calls.Count)) WriteToolUse(json, calls[callAt++]);
            json.WriteStartObject();
            if (block.IsRedacted)
            {
                json.WriteString("type", "redacted_thinking");
                json.WriteString("data", block.EncryptedContent ?? "");
            }
            else
            {
                json.WriteString("type", "thinking");
                json.WriteString("thinking", block.Text);
                json.WriteString("signature", block.Signature);
            }

            json.WriteEndObject();
        }

        WriteText(json, text, ref textAt, text.Length);
        while (callAt < calls.Count) WriteToolUse(json, calls[callAt++]);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static bool HasContent(Message message) =>
        !string.IsNullOrWhiteSpace(message.Content) || message.ToolCalls is { Count: > 0 } ||
        (message.ReasoningBlocks ?? []).Any(b => b.Protocol == WireProtocol.AnthropicMessages && (b.IsRedacted || b.Signature is not null));

    private static void WriteText(Utf8JsonWriter json, string text, ref int from, int to)
    {
        // Anthropic rejects empty and whitespace-only text blocks.
        if (to > from && !string.IsNullOrWhiteSpace(text[from..to]))
        {
            json.WriteStartObject();
            json.WriteString("type", "text");
            json.WriteString("text", text[from..to]);
            json.WriteEndObject();
        }

        from = Math.Max(from, to);
    }

    private static void WriteToolUse(Utf8JsonWriter json, ToolCall call)
    {
        json.WriteStartObject();
        json.WriteString("type", "tool_use");
        json.WriteString("id", call.Id);
        json.WriteString("name", call.Name);
        json.WritePropertyName("input");
        RequestBody.WriteObjectOrEmpty(json, call.Arguments);
        json.WriteEndObject();
    }

    private static void WriteTools(Utf8JsonWriter json, IReadOnlyList<ToolDefinition> tools)
    {
        json.WriteStartArray("tools");
        foreach (var tool in tools)
        {
            json.WriteStartObject();
            json.WriteString("name", tool.Name);
            if (tool.Description is not null) json.WriteString("description", tool.Description);
            json.WritePropertyName("input_schema");
            RequestBody.WriteSchema(json, tool.Parameters);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteToolChoice(Utf8JsonWriter json, ToolChoice choice)
    {
        json.WriteStartObject("tool_choice");
        switch (choice.FunctionName)
        {
            case { } name:
                json.WriteString("type", "tool");
                json.WriteString("name", name);
                break;
            default:
                json.WriteString("type", choice.Mode == "required" ? "any" : choice.Mode);
                break;
        }

        json.WriteEndObject();
    }
}
