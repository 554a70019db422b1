namespace ReasonStream;

/// <summary>
/// Applies a provider's rule for sending reasoning back: the one place that knows it, used by
/// <see cref="Conversation"/> and the <c>IChatClient</c> adapter alike.
/// </summary>
public static class ReasoningHistory
{
    /// <summary>
    /// The messages as the provider must receive them: reasoning — text, OpenRouter details, and the signed or
    /// encrypted blocks of the native protocols — kept, set to <c>""</c>, or removed on each assistant message
    /// according to <paramref name="rule"/>. Other messages pass unchanged.
    /// </summary>
    /// <param name="messages">The history, with each assistant message's reasoning as the model gave it.</param>
    /// <param name="rule">The provider's rule.</param>
    public static IReadOnlyList<Message> Apply(IReadOnlyList<Message> messages, ReasoningHistoryRule rule)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var result = new Message[messages.Count];
        int turnStart = 0;
        for (int i = 0; i <= messages.Count; i++)
        {
            // A turn runs from one user message to the next; decide for the whole turn at its end.
            if (i < messages.Count && (messages[i].Role != MessageRole.User || i == turnStart))
            {
                continue;
            }

            bool turnCalledTools = false;
            for (int j = turnStart; j < i; j++)
            {
                if (messages[j].Role == MessageRole.Assistant && messages[j].ToolCalls is { Count: > 0 }) turnCalledTools = true;
            }

            for (int j = turnStart; j < i; j++)
            {
                result[j] = messages[j].Role == MessageRole.Assistant ? ForAssistant(messages[j], rule, turnCalledTools) : messages[j];
            }

            turnStart = i;
        }

        return result;
    }

    private static Message ForAssistant(Message message, ReasoningHistoryRule rule, bool turnCalledTools) => rule switch
    {
        ReasoningHistoryRule.ToolCallTurns when turnCalledTools =>
            message with { ReasoningContent = message.ReasoningContent ?? "", ReasoningDetails = null },
        ReasoningHistoryRule.ReasoningDetails => message with { ReasoningContent = null, ReasoningBlocks = null },
        ReasoningHistoryRule.Always => message with { ReasoningDetails = null },
        _ => message with { ReasoningContent = null, ReasoningDetails = null, ReasoningBlocks = null },
    };
}
