using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ReasonStream.Extensions.AI;

/// <summary>
/// Turns <c>Microsoft.Extensions.AI</c> messages into the library's, keeping every assistant message's reasoning
/// exactly as the model gave it, with the endpoint each block and signed call came from. What of that reasoning the
/// provider gets back is decided afterwards by the library: <see cref="ReasoningHistory.Apply"/> (the provider's rule),
/// then the client, which leaves out what another endpoint signed.
/// </summary>
internal static class MessageConverter
{
    /// <summary>The history as library messages, reasoning included, before any provider rule is applied.</summary>
    public static List<Message> ToLibrary(IEnumerable<ChatMessage> messages, string? instructions, JsonSerializerOptions? json = null)
    {
        var result = new List<Message>();
        if (!string.IsNullOrEmpty(instructions)) result.Add(Message.System(instructions));
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.Assistant) result.Add(FromAssistant(message));
            else if (message.Role == ChatRole.Tool) AddToolResults(message, result, json);
            else if (message.Role == ChatRole.System) result.Add(new Message(MessageRole.System, TextOf(message)) { Name = message.AuthorName });
            else if (message.Role == ChatRole.User) result.Add(new Message(MessageRole.User, TextOf(message)) { Name = message.AuthorName });
            else throw new NotSupportedException($"Chat role '{message.Role}' has no chat-completions equivalent; use system, user, assistant or tool.");
        }

        return result;
    }

    private static Message FromAssistant(ChatMessage message)
    {
        var text = new StringBuilder();
        StringBuilder? reasoning = null;
        string? details = null;
        List<ToolCall>? calls = null;
        List<ReasoningBlock>? blocks = null;
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextReasoningContent thought:
                    (reasoning ??= new StringBuilder()).Append(thought.Text);
                    details = ReasoningDetailsCarrier.Merge(details, thought.ProtectedData);
                    // Where the block stood among the text and calls is where it goes back (Anthropic and Responses need the order).
                    if (ProtectedReasoning.Decode(thought, text.Length, calls?.Count ?? 0) is { } block) (blocks ??= []).Add(block);
                    break;
                case TextContent answer:
                    text.Append(answer.Text);
                    break;
                // Including calls marked InformationalOnly: UseFunctionInvocation() marks the calls it has run that
                // way, and they (with the reasoning of their turn) must still go back to the provider.
                case FunctionCallContent call:
                    (calls ??= []).Add(new ToolCall(call.CallId, call.Name, ArgumentsOf(call)) { Signature = SignatureOf(call), Origin = OriginOf(call) });
                    break;
            }
        }

        return new Message(MessageRole.Assistant, text.Length == 0 && calls is not null ? null : text.ToString())
        {
            Name = message.AuthorName,
            ReasoningContent = reasoning?.ToString(),
            ReasoningDetails = details,
            ReasoningBlocks = blocks,
            ToolCalls = calls,
        };
    }

    private static string? SignatureOf(FunctionCallContent call) =>
        call.RawRepresentation is ToolCall { Signature: { } signature } original && original.Id == call.CallId ? signature
        : Property(call, UpdateConverter.ThoughtSignatureKey);

    private static string? OriginOf(FunctionCallContent call) =>
        call.RawRepresentation is ToolCall { Origin: { } origin } original && original.Id == call.CallId ? origin
        : Property(call, UpdateConverter.OriginKey);

    /// <summary>A string property, as set (a string) or as deserialized from a stored history (a JSON element).</summary>
    private static string? Property(FunctionCallContent call, string key) =>
        call.AdditionalProperties?.TryGetValue(key, out var value) == true ? value as string ?? (value as JsonElement?)?.GetString() : null;

    private static void AddToolResults(ChatMessage message, List<Message> result, JsonSerializerOptions? json)
    {
        foreach (var content in message.Contents)
        {
            if (content is FunctionResultContent answer) result.Add(answer.Exception is null ? Message.Tool(answer.CallId, ResultText(answer, json)) : Message.ToolError(answer.CallId, ResultText(answer, json)));
        }
    }

    private static string TextOf(ChatMessage message)
    {
        var text = new StringBuilder();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent t:
                    text.Append(t.Text);
                    break;
                case DataContent or UriContent:
                    throw new NotSupportedException(
                        $"ReasonStream sends text only; a {message.Role} message carries {content.GetType().Name} ({(content as DataContent)?.MediaType ?? (content as UriContent)?.MediaType}).");
            }
        }

        return text.ToString();
    }

    /// <summary>The arguments exactly as the model wrote them when this call came from ReasonStream; else serialized.</summary>
    private static string ArgumentsOf(FunctionCallContent call)
    {
        if (call.RawRepresentation is ToolCall original && original.Id == call.CallId) return original.Arguments;
        if (call.Arguments is null) return "{}";
        var arguments = new System.Text.Json.Nodes.JsonObject();
        foreach (var (name, value) in call.Arguments)
        {
            arguments[name] = value is null ? null : AdapterJson.TryToNode(value, null) ?? System.Text.Json.Nodes.JsonValue.Create(value.ToString());
        }

        return arguments.ToJsonString();
    }

    /// <summary>A tool's result as text for the provider: a JSON string's text, other values as JSON, a type no options can write as its text.</summary>
    private static string ResultText(FunctionResultContent result, JsonSerializerOptions? json) => result.Result switch
    {
        null => result.Exception is { } error ? "Error: " + error.Message : "",
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? "",
        var value => AdapterJson.TryToNode(value, json)?.ToJsonString() ?? value.ToString() ?? "",
    };
}
