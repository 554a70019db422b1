using System.Text.Json;

namespace ReasonStream;

/// <summary>
/// Writes a <see cref="ChatRequest"/> as a Gemini <c>generateContent</c> body: system text as
/// <c>systemInstruction</c>, the history as <c>contents</c> — a model turn as its text and <c>functionCall</c> parts
/// with their thought signatures, tool results as <c>functionResponse</c> parts — and a thinking configuration
/// that asks for the thoughts.
/// </summary>
internal static class GeminiWriter
{
    /// <summary>The prefix of the ids the reader makes up for calls Gemini gave no id: those are never sent back.</summary>
    internal const string MadeUpIdPrefix = "gemini-call-";

    /// <summary>Google's documented stand-in for a function call whose signature is unknown (history from elsewhere).</summary>
    private const string NoSignature = "skip_thought_signature_validator";

    public static byte[] Write(ChatRequest request) => RequestBody.Write(request, static (json, request) =>
    {
        bool gemini3 = ReasoningModels.IsGemini3OrLater(request.Model);
        json.WriteStartObject();
        if (RequestBody.Mine(request, "contents")) WriteContents(json, request.Messages, gemini3);
        if (RequestBody.SystemText(request.Messages) is { } system && RequestBody.Mine(request, "systemInstruction"))
        {
            json.WriteStartObject("systemInstruction");
            json.WriteStartArray("parts");
            json.WriteStartObject();
            json.WriteString("text", system);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        if (RequestBody.Mine(request, "generationConfig")) WriteGenerationConfig(json, request, gemini3);
        if (request.Tools is { Count: > 0 } tools && RequestBody.Mine(request, "tools")) WriteTools(json, tools);
        if (request.ToolChoice is { } choice && request.Tools is { Count: > 0 } && RequestBody.Mine(request, "toolConfig")) WriteToolConfig(json, choice);
        RequestBody.WriteExtra(json, request);
        json.WriteEndObject();
    });

    private static void WriteGenerationConfig(Utf8JsonWriter json, ChatRequest request, bool gemini3)
    {
        json.WriteStartObject("generationConfig");
        if (request.MaxTokens is { } max) json.WriteNumber("maxOutputTokens", max);
        if (request.Temperature is { } temperature) json.WriteNumber("temperature", temperature);
        if (request.TopP is { } topP) json.WriteNumber("topP", topP);
        if (request.Stop is { Count: > 0 } stop)
        {
            json.WriteStartArray("stopSequences");
            foreach (var s in stop) json.WriteStringValue(s);
            json.WriteEndArray();
        }

        if (request.ResponseFormat is { Type: "json_object" or "json_schema" } format)
        {
            json.WriteString("responseMimeType", "application/json");
            if (format.Schema is { } schema)
            {
                json.WritePropertyName("responseJsonSchema");
                schema.WriteTo(json);
            }
        }

        WriteThinking(json, request, gemini3);
        json.WriteEndObject();
    }

    /// <summary>
    /// Gemini 3 takes a <c>thinkingLevel</c> (Pro only low and high, and it cannot stop thinking); Gemini 2.5 a
    /// <c>thinkingBudget</c> (0 stops Flash thinking). Never both: that is a 400.
    /// </summary>
    private static void WriteThinking(Utf8JsonWriter json, ChatRequest request, bool gemini3)
    {
        bool off = request.Thinking == false || request.ReasoningEffort is "none";
        bool pro = request.Model.Contains("pro", StringComparison.OrdinalIgnoreCase);
        json.WriteStartObject("thinkingConfig");
        json.WriteBoolean("includeThoughts", !off);
        if (gemini3)
        {
            string? level = off ? (pro ? "low" : "minimal") : request.ReasoningEffort switch
            {
                null => null,
                "minimal" => pro ? "low" : "minimal",
                "low" => "low",
                "medium" => pro ? "high" : "medium",
                _ => "high",
            };
            if (level is not null) json.WriteString("thinkingLevel", level);
        }
        else
        {
            // 2.5 Pro cannot stop thinking: its least budget is 128, its thoughts then simply not asked for.
            int? budget = off ? (pro ? 128 : 0) : request.ReasoningEffort switch
            {
                null => null,
                "minimal" => 512,
                "low" => 1024,
                "medium" => 8192,
                _ => 24576,
            };
            if (budget is { } tokens) json.WriteNumber("thinkingBudget", tokens);
        }

        json.WriteEndObject();
    }

    private static void WriteContents(Utf8JsonWriter json, IReadOnlyList<Message> messages, bool gemini3)
    {
        var calls = new Dictionary<string, string>(StringComparer.Ordinal); // call id → function name, for the responses
        json.WriteStartArray("contents");
        bool userOpen = false;
        foreach (var message in messages)
        {
            if (message.Role == MessageRole.System) continue;
            if (message.Role == MessageRole.Assistant)
            {
                CloseUser(json, ref userOpen);
                WriteModelTurn(json, message, gemini3, calls);
                continue;
            }

            // Function responses and the user's text that follows them form one user turn.
            if (!userOpen)
            {
                json.WriteStartObject();
                json.WriteString("role", "user");
                json.WriteStartArray("parts");
                userOpen = true;
            }

            json.WriteStartObject();
            if (message.Role == MessageRole.Tool)
            {
                string id = message.ToolCallId ?? "";
                json.WriteStartObject("functionResponse");
                json.WriteString("name", calls.TryGetValue(id, out var name) ? name : id);
                if (gemini3 && SendsId(id)) json.WriteString("id", id);
                json.WritePropertyName("response");
                if (message.IsError) WriteError(json, message.Content);
                else WriteResponse(json, message.Content);
                json.WriteEndObject();
            }
            else
            {
                json.WriteString("text", message.Content ?? "");
            }

            json.WriteEndObject();
        }

        CloseUser(json, ref userOpen);
        json.WriteEndArray();
    }

    private static void CloseUser(Utf8JsonWriter json, ref bool userOpen)
    {
        if (!userOpen) return;
        json.WriteEndArray();
        json.WriteEndObject();
        userOpen = false;
    }

    private static void WriteModelTurn(Utf8JsonWriter json, Message message, bool gemini3, Dictionary<string, string> calls)
    {
        // The signature Gemini put on a text part goes back on the text part.
        string? textSignature = null;
        foreach (var block in message.ReasoningBlocks ?? [])
        {
            if (block.Protocol == WireProtocol.GeminiGenerateContent && block.Signature is not null) textSignature = block.Signature;
        }

        bool hasText = !string.IsNullOrEmpty(message.Content);
        var toolCalls = message.ToolCalls ?? [];
        if (!hasText && toolCalls.Count == 0 && textSignature is null) return; // an empty turn is rejected
        json.WriteStartObject();
        json.WriteString("role", "model");
        json.WriteStartArray("parts");
        if (hasText || textSignature is not null)
        {
            json.WriteStartObject();
            json.WriteString("text", message.Content ?? "");
            if (textSignature is not null) json.WriteString("thoughtSignature", textSignature);
            json.WriteEndObject();
        }

        foreach (var call in toolCalls)
        {
            calls[call.Id] = call.Name;
            json.WriteStartObject();
            json.WriteStartObject("functionCall");
            json.WriteString("name", call.Name);
            if (gemini3 && SendsId(call.Id)) json.WriteString("id", call.Id);
            json.WritePropertyName("args");
            RequestBody.WriteObjectOrEmpty(json, call.Arguments);
            json.WriteEndObject();
            string? signature = call.Signature ?? (gemini3 && call == toolCalls[0] ? NoSignature : null);
            if (signature is not null) json.WriteString("thoughtSignature", signature);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static bool SendsId(string id) => id.Length > 0 && !id.StartsWith(MadeUpIdPrefix, StringComparison.Ordinal);

    /// <summary>A failed call's response: <c>{"error": …}</c>, as Google documents it.</summary>
    private static void WriteError(Utf8JsonWriter json, string? content)
    {
        json.WriteStartObject();
        json.WriteString("error", content ?? "");
        json.WriteEndObject();
    }

    /// <summary>A function response must be an object: a tool's JSON object as is, anything else as <c>{"result": …}</c>.</summary>
    private static void WriteResponse(Utf8JsonWriter json, string? content)
    {
        if (!string.IsNullOrWhiteSpace(content))
        {
            try
            {
                using var document = JsonDocument.Parse(content);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    document.RootElement.WriteTo(json);
                    return;
                }

                json.WriteStartObject();
                json.WritePropertyName("result");
                document.RootElement.WriteTo(json);
                json.WriteEndObject();
                return;
            }
            catch (JsonException)
            {
                // Plain text: wrapped below.
            }
        }

        json.WriteStartObject();
        json.WriteString("result", content ?? "");
        json.WriteEndObject();
    }

    private static void WriteTools(Utf8JsonWriter json, IReadOnlyList<ToolDefinition> tools)
    {
        json.WriteStartArray("tools");
        json.WriteStartObject();
        json.WriteStartArray("functionDeclarations");
        foreach (var tool in tools)
        {
            json.WriteStartObject();
            json.WriteString("name", tool.Name);
            if (tool.Description is not null) json.WriteString("description", tool.Description);
            json.WritePropertyName("parametersJsonSchema"); // plain JSON Schema, not the OpenAPI subset of "parameters"
            RequestBody.WriteSchema(json, tool.Parameters);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteToolConfig(Utf8JsonWriter json, ToolChoice choice)
    {
        json.WriteStartObject("toolConfig");
        json.WriteStartObject("functionCallingConfig");
        json.WriteString("mode", choice.Mode switch { "none" => "NONE", "auto" => "AUTO", _ => "ANY" });
        if (choice.FunctionName is { } name)
        {
            json.WriteStartArray("allowedFunctionNames");
            json.WriteStringValue(name);
            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
