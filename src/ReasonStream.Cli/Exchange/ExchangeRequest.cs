using ReasonStream.Cli.Configuration;

namespace ReasonStream.Cli.Exchange;

/// <summary>One turn to run: where, what (the full message history), and how it is filed in the log.</summary>
internal sealed record ExchangeRequest(
    Endpoint Endpoint,
    RequestSettings Settings,
    IReadOnlyList<Message> Messages,
    string Prompt,
    string? SystemPrompt,
    string ConversationId,
    int Turn)
{
    public ChatRequest ToChatRequest() => new(Endpoint.Model, Messages)
    {
        MaxTokens = Settings.MaxTokens,
        Temperature = Settings.Temperature,
        ReasoningEffort = Settings.Effort,
    };
}
