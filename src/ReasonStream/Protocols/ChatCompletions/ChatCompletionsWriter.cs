using System.Buffers;
using System.Text.Json;

namespace ReasonStream;

/// <summary>
/// Writes a <see cref="ChatRequest"/> as a chat-completions body with <see cref="Utf8JsonWriter"/>:
/// no reflection (trim/AOT safe), fields written only when set, and <see cref="ChatRequest.ExtraBody"/>
/// fields overriding the ones this library would write.
/// </summary>
internal static class ChatCompletionsWriter
{
    public static byte[] Write(ChatRequest request, ProviderPreset provider)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = false }))
        {
            Write(json, request, provider);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter json, ChatRequest request, ProviderPreset provider)
    {
        var extra = request.ExtraBody;
        bool Mine(string name) => extra is null || !extra.ContainsKey(name);

        json.WriteStartObject();
        if (Mine("model")) json.WriteString("model", request.Model);
        if (Mine("messages"))
        {
            json.WriteStartArray("messages");
            foreach (var message in request.Messages) WriteMessage(json, message);
            json.WriteEndArray();
        }

        if (Mine("stream")) json.WriteBoolean("stream", true);
        if (request.IncludeUsage && Mine("stream_options"))
        {
            json.WriteStartObject("stream_options");
            json.WriteBoolean("include_usage", true);
            json.WriteEndObject();
        }

        if (request.MaxTokens is { } maxTokens)
        {
            string field = provider.UsesMaxCompletionTokens ? "max_completion_tokens" : "max_tokens";
            if (Mine(field)) json.WriteNumber(field, maxTokens);
        }

        if (request.Temperature is { } temperature && Mine("temperature")) json.WriteNumber("temperature", temperature);
        if (request.TopP is { } topP && Mine("top_p")) json.WriteNumber("top_p", topP);
        if (request.Stop is { Count: > 0 } stop && Mine("stop"))
        {
            json.WriteStartArray("stop");
            foreach (var s in stop) json.WriteStringValue(s);
            json.WriteEndArray();
        }

        if (request.Tools is { Count: > 0 } tools && Mine("tools")) WriteTools(json, tools);
        if (request.ToolChoice is { } toolChoice && request.Tools is { Count: > 0 } && Mine("tool_choice")) WriteToolChoice(json, toolChoice);
        if (request.ResponseFormat is { } format && Mine("response_format")) WriteResponseFormat(json, format);
        if (request.ReasoningEffort is { } effort && !(effort == "none" && provider.SupportsThinkingSwitch) && Mine("reasoning_effort")) json.WriteString("reasoning_effort", effort);
        if (ThinkingSwitch(request, provider) is { } thinking && Mine("thinking"))
        {
            json.WriteStartObject("thinking");
            json.WriteString("type", thinking ? "enabled" : "disabled");
            json.WriteEndObject();
        }

        if (extra is not null)
        {
            foreach (var (name, value) in extra)
            {
                json.WritePropertyName(name);
                if (value is null) json.WriteNullValue();
                else value.WriteTo(json);
            }
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// Where the provider has a thinking switch it is always sent (DeepSeek's default has changed before): off for
    /// effort "none" (there is no such effort), on for any other effort, else as asked, else on.
    /// </summary>
    private static bool? ThinkingSwitch(ChatRequest request, ProviderPreset provider)
    {
        if (!provider.SupportsThinkingSwitch) return request.Thinking;
        return request.ReasoningEffort switch
        {
            "none" => false,
            not null => true,
            null => request.Thinking ?? true,
        };
    }

    private static void WriteMessage(Utf8JsonWriter json, Message message)
    {
        json.WriteStartObject();
        json.WriteString("role", message.Role switch
        {
            MessageRole.System => "system",
            MessageRole.User => "user",
            MessageRole.Assistant => "assistant",
            _ => "tool",
        });
        if (message.Content is not null) json.WriteString("content", message.Content);
        else if (message.Role == MessageRole.Assistant) json.WriteNull("content");
        else json.WriteString("content", "");

        if (message.Name is not null) json.WriteString("name", message.Name);
        if (message.ReasoningContent is not null) json.WriteString("reasoning_content", message.ReasoningContent);
        if (message.ReasoningDetails is not null)
        {
            json.WritePropertyName("reasoning_details");
            json.WriteRawValue(message.ReasoningDetails, skipInputValidation: false);
        }

        if (message.ToolCalls is { Count: > 0 } calls)
        {
            json.WriteStartArray("tool_calls");
            foreach (var call in calls)
            {
                json.WriteStartObject();
                json.WriteString("id", call.Id);
                json.WriteString("type", "function");
                json.WriteStartObject("function");
                json.WriteString("name", call.Name);
                json.WriteString("arguments", call.Arguments);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (message.ToolCallId is not null) json.WriteString("tool_call_id", message.ToolCallId);
        json.WriteEndObject();
    }

    private static void WriteTools(Utf8JsonWriter json, IReadOnlyList<ToolDefinition> tools)
    {
        json.WriteStartArray("tools");
        foreach (var tool in tools)
        {
            json.WriteStartObject();
            json.WriteString("type", "function");
            json.WriteStartObject("function");
            json.WriteString("name", tool.Name);
            if (tool.Description is not null) json.WriteString("description", tool.Description);
            json.WritePropertyName("parameters");
            if (tool.Parameters is { } schema) schema.WriteTo(json);
            else
            {
                json.WriteStartObject();
                json.WriteString("type", "object");
                json.WriteStartObject("properties");
                json.WriteEndObject();
                json.WriteEndObject();
            }

            if (tool.Strict is { } strict) json.WriteBoolean("strict", strict);
            json.WriteEndObject();
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
        json.WriteStartObject("function");
        json.WriteString("name", choice.FunctionName);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResponseFormat(Utf8JsonWriter json, ResponseFormat format)
    {
        json.WriteStartObject("response_format");
        json.WriteString("type", format.Type);
        if (format.Type == "json_schema")
        {
            json.WriteStartObject("json_schema");
            json.WriteString("name", format.SchemaName ?? "response");
            if (format.Schema is { } schema)
            {
                json.WritePropertyName("schema");
                schema.WriteTo(json);
            }

            if (format.Strict is { } strict) json.WriteBoolean("strict", strict);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}
