using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace ReasonStream.Extensions.AI;

/// <summary>Builds the library's <see cref="ChatRequest"/> from <c>Microsoft.Extensions.AI</c> messages and <see cref="ChatOptions"/>.</summary>
internal static class RequestConverter
{
    public static ChatRequest Create(IEnumerable<ChatMessage> messages, ChatOptions? options, ReasoningChatClient client)
    {
        var settings = client.Options;
        var provider = client.InnerClient.Options.Provider;

        // The one place that decides which reasoning goes back: the library's rule for this provider.
        var history = MessageConverter.ToLibrary(messages, options?.Instructions, settings.JsonSerializerOptions);
        var wire = ReasoningHistory.Apply(history, settings.HistoryRule ?? client.InnerClient.Options.EffectiveHistoryRule);

        var seed = options?.RawRepresentationFactory?.Invoke(client) as ChatRequest;
        string model = options?.ModelId ?? seed?.Model ?? settings.DefaultModel ?? provider.DefaultModel;
        var request = (seed ?? new ChatRequest(model, wire)) with { Model = model, Messages = wire };
        if (options is null) return request with { Thinking = request.Thinking ?? settings.Thinking };

        var tools = ToolsOf(options);
        return request with
        {
            MaxTokens = request.MaxTokens ?? options.MaxOutputTokens,
            Temperature = request.Temperature ?? options.Temperature,
            TopP = request.TopP ?? options.TopP,
            Stop = request.Stop ?? (options.StopSequences is { Count: > 0 } stop ? [.. stop] : null),
            Tools = request.Tools ?? tools,
            ToolChoice = request.ToolChoice ?? (tools is null ? null : ToolChoiceOf(options.ToolMode)),
            ResponseFormat = request.ResponseFormat ?? FormatOf(options.ResponseFormat),
            ReasoningEffort = request.ReasoningEffort ?? EffortOf(options.Reasoning),
            Thinking = request.Thinking ?? settings.Thinking,
            ExtraBody = ExtraBodyOf(options, request.ExtraBody, settings.JsonSerializerOptions, client.Logger),
        };
    }

    /// <summary>MEAI's effort as the library's string; what each provider and protocol makes of it is the library's business.</summary>
    private static string? EffortOf(ReasoningOptions? reasoning) => reasoning?.Effort switch
    {
        null => null,
        ReasoningEffort.None => "none",
        ReasoningEffort.Low => "low",
        ReasoningEffort.Medium => "medium",
        ReasoningEffort.High => "high",
        ReasoningEffort.ExtraHigh => "xhigh",
        var other => other.Value.ToString().ToLowerInvariant(),
    };

    private static List<ToolDefinition>? ToolsOf(ChatOptions options)
    {
        List<ToolDefinition>? tools = null;
        foreach (var tool in options.Tools ?? [])
        {
            // Hosted tools (web search, code interpreter…) have no chat-completions form: they are not sent.
            if (tool is AIFunctionDeclaration function)
            {
                (tools ??= []).Add(new ToolDefinition(function.Name, string.IsNullOrEmpty(function.Description) ? null : function.Description, function.JsonSchema));
            }
        }

        return tools;
    }

    private static ToolChoice? ToolChoiceOf(ChatToolMode? mode) => mode switch
    {
        NoneChatToolMode => ToolChoice.None,
        AutoChatToolMode => ToolChoice.Auto,
        RequiredChatToolMode { RequiredFunctionName: { } name } => ToolChoice.Function(name),
        RequiredChatToolMode => ToolChoice.Required,
        _ => null,
    };

    private static ResponseFormat? FormatOf(ChatResponseFormat? format) => format switch
    {
        ChatResponseFormatText => ResponseFormat.Text,
        ChatResponseFormatJson { Schema: { } schema } json => ResponseFormat.JsonSchema(json.SchemaName ?? "response", schema, strict: null),
        ChatResponseFormatJson => ResponseFormat.JsonObject,
        _ => null,
    };

    /// <summary>
    /// Options the library has no field for go as top-level body fields under their chat-completions names;
    /// <see cref="ChatOptions.AdditionalProperties"/> are written as given and win over everything else.
    /// </summary>
    private static Dictionary<string, JsonNode?>? ExtraBodyOf(ChatOptions options, IReadOnlyDictionary<string, JsonNode?>? seed, JsonSerializerOptions? json, Microsoft.Extensions.Logging.ILogger? logger)
    {
        var extra = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (seed is not null)
        {
            foreach (var (name, value) in seed) extra[name] = value?.DeepClone();
        }

        if (options.FrequencyPenalty is { } frequency) extra.TryAdd("frequency_penalty", frequency);
        if (options.PresencePenalty is { } presence) extra.TryAdd("presence_penalty", presence);
        if (options.Seed is { } randomSeed) extra.TryAdd("seed", randomSeed);
        if (options.TopK is { } topK) extra.TryAdd("top_k", topK);
        if (options.AllowMultipleToolCalls is { } parallel && options.Tools is { Count: > 0 }) extra.TryAdd("parallel_tool_calls", parallel);
        foreach (var (name, value) in options.AdditionalProperties ?? [])
        {
            switch (value)
            {
                case null:
                    extra[name] = null;
                    break;
                case JsonNode node:
                    extra[name] = node.DeepClone();
                    break;
                default:
                    if (AdapterJson.TryToNode(value, json) is { } written) extra[name] = written;
                    else AdapterLog.PropertyLeftOut(logger, name, value.GetType().FullName ?? value.GetType().Name);
                    break;
            }
        }

        return extra.Count == 0 ? null : extra;
    }
}
