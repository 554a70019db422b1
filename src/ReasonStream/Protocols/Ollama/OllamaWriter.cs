using System.Text.Json;

namespace ReasonStream;

/// <summary>
/// Writes a <see cref="ChatRequest"/> as an Ollama <c>/api/chat</c> body: messages with <c>thinking</c> and
/// object-valued <c>tool_calls</c>, tool results with <c>tool_name</c>, <c>think</c> from the effort or switch,
/// and sampling under <c>options</c>.
/// </summary>
internal static class OllamaWriter
{
    public static byte[] Write(ChatRequest request) => RequestBody.Write(request, static (json, request) =>
    {
        json.WriteStartObject();
        if (RequestBody.Mine(request, "model")) json.WriteString("model", request.Model);
        if (RequestBody.Mine(request, "messages")) WriteMessages(json, request.Messages);
        if (RequestBody.Mine(request, "stream")) json.WriteBoolean("stream", true);

        // Sent only when asked: a model that cannot think rejects "think": true.
        if (RequestBody.Mine(request, "think"))
        {
            if (request.Thinking == false || request.ReasoningEffort is "none") json.WriteBoolean("think", false);
            else if (request.ReasoningEffort is { } effort) json.WriteString("think", effort is "minimal" ? "low" : effort is "xhigh" or "max" ? "high" : effort);
            else if (request.Thinking == true) json.WriteBoolean("think", true);
        }

        if (request.Tools is { Count: > 0 } tools && RequestBody.Mine(request, "tools"))
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
                RequestBody.WriteSchema(json, tool.Parameters);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (request.ResponseFormat is { Type: "json_object" or "json_schema" } format && RequestBody.Mine(request, "format"))
        {
            if (format.Schema is { } schema)
            {
                json.WritePropertyName("format");
                schema.WriteTo(json);
            }
            else json.WriteString("format", "json");
        }

        if ((request.MaxTokens ?? (object?)request.Temperature ?? (object?)request.TopP ?? request.Stop) is not null && RequestBody.Mine(request, "options"))
        {
            json.WriteStartObject("options");
            if (request.MaxTokens is { } max) json.WriteNumber("num_predict", max);
            if (request.Temperature is { } temperature) json.WriteNumber("temperature", temperature);
            if (request.TopP is { } topP) json.WriteNumber("top_p", topP);
            if (request.Stop is { Count: > 0 } stop)
            {
                json.WriteStartArray("stop");
                foreach (var s in stop) json.WriteStringValue(s);
                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        RequestBody.WriteExtra(json, request);
        json.WriteEndObject();
    });

    private static void WriteMessages(Utf8JsonWriter json, IReadOnlyList<Message> messages)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        json.WriteStartArray("messages");
        foreach (var message in messages)
        {
            json.WriteStartObject();
            json.WriteString("role", message.Role switch
            {
                MessageRole.System => "system",
                MessageRole.User => "user",
                MessageRole.Assistant => "assistant",
                _ => "tool",
            });
            json.WriteString("content", message.Content ?? "");
            if (message.Role == MessageRole.Assistant && message.ReasoningContent is { Length: > 0 } thinking) json.WriteString("thinking", thinking);
            if (message.ToolCalls is { Count: > 0 } calls)
            {
                json.WriteStartArray("tool_calls");
                foreach (var call in calls)
                {
                    names[call.Id] = call.Name;
                    json.WriteStartObject();
                    json.WriteStartObject("function");
                    json.WriteString("name", call.Name);
                    json.WritePropertyName("arguments");
                    RequestBody.WriteObjectOrEmpty(json, call.Arguments);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            if (message.Role == MessageRole.Tool && message.ToolCallId is { } id && names.TryGetValue(id, out var name)) json.WriteString("tool_name", name);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
