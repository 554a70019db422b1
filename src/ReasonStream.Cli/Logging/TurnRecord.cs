using ReasonStream.Cli.Exchange;

namespace ReasonStream.Cli.Logging;

/// <summary>A turn as the history needs it when it was not logged (<c>--no-log</c>).</summary>
internal static class TurnRecord
{
    public static ExchangeRecord From(ExchangeRequest request, ExchangeOutcome outcome) => new()
    {
        ConversationId = request.ConversationId,
        Turn = request.Turn,
        StartedAt = "",
        Status = outcome.Status,
        Provider = request.Endpoint.ProviderName,
        Model = request.Endpoint.Model,
        BaseUrl = request.Endpoint.BaseUrl,
        SystemPrompt = request.SystemPrompt,
        Prompt = request.Prompt,
        Reasoning = outcome.Result.Reasoning,
        Answer = outcome.Result.Answer,
        ToolCalls = ExchangeLogger.ToolCalls(outcome.Result),
    };
}
