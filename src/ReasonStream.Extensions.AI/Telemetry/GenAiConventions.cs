namespace ReasonStream.Extensions.AI;

/// <summary>Names from the OpenTelemetry semantic conventions for generative AI (plus ReasonStream's own few).</summary>
internal static class GenAiConventions
{
    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderName = "gen_ai.provider.name";
    public const string RequestModel = "gen_ai.request.model";
    public const string RequestMaxTokens = "gen_ai.request.max_tokens";
    public const string RequestTemperature = "gen_ai.request.temperature";
    public const string RequestTopP = "gen_ai.request.top_p";
    public const string RequestStream = "gen_ai.request.stream";
    public const string ResponseModel = "gen_ai.response.model";
    public const string ResponseId = "gen_ai.response.id";
    public const string ResponseFinishReasons = "gen_ai.response.finish_reasons";
    public const string ResponseTimeToFirstChunk = "gen_ai.response.time_to_first_chunk";
    public const string UsageInputTokens = "gen_ai.usage.input_tokens";
    public const string UsageOutputTokens = "gen_ai.usage.output_tokens";
    public const string UsageReasoningTokens = "gen_ai.usage.reasoning.output_tokens";
    public const string UsageCacheReadTokens = "gen_ai.usage.cache_read.input_tokens";
    public const string TokenType = "gen_ai.token.type";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
    public const string ErrorType = "error.type";
    public const string HttpStatusCode = "http.response.status_code";

    public const string ChatOperation = "chat";
    public const string InputTokenType = "input";
    public const string OutputTokenType = "output";

    /// <summary>ReasonStream's own metric for reasoning tokens (not a conventions name: the conventions have none).</summary>
    public const string ReasoningTokensMetric = "reasonstream.client.token.reasoning";

    public const string OperationDurationMetric = "gen_ai.client.operation.duration";
    public const string TokenUsageMetric = "gen_ai.client.token.usage";
    public const string TimeToFirstChunkMetric = "gen_ai.client.operation.time_to_first_chunk";
    public const string ErrorsMetric = "reasonstream.client.operation.errors";
    public const string ErrorKind = "reasonstream.error.kind";
}
