namespace ReasonStream;

/// <summary>
/// Signatures, redacted thinking and encrypted reasoning are valid only at the endpoint that made them: another one — even
/// one speaking the same protocol, such as an Anthropic-compatible endpoint — rejects the request (or, at best, ignores
/// them). Before a request is written, what came from another <see cref="ReasoningClientOptions.ReasoningOrigin"/> is
/// taken out, for every protocol: such blocks are dropped, such tool calls lose their signature (the call itself stays;
/// the protocol's writer treats it as history from elsewhere). Unstamped values (made by hand, stored without an origin)
/// stay as they are. OpenRouter's <c>reasoning_details</c> are not stamped: only the endpoints whose rule sends them back
/// (OpenRouter's) make them.
/// </summary>
internal static class ForeignReasoning
{
    public static IReadOnlyList<Message> Drop(IReadOnlyList<Message> messages, string origin)
    {
        Message[]? copy = null;
        for (int i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (message.Role != MessageRole.Assistant || !HasForeign(message, origin)) continue;
            copy ??= [.. messages];
            copy[i] = message with
            {
                ReasoningBlocks = message.ReasoningBlocks?.Where(b => IsFrom(b.Origin, origin)).ToList(),
                ToolCalls = message.ToolCalls?.Select(c => IsFrom(c.Origin, origin) || c.Signature is null ? c : c with { Signature = null }).ToList(),
            };
        }

        return copy ?? messages;
    }

    /// <summary>True when a value stamped <paramref name="stamped"/> may go back to <paramref name="origin"/>.</summary>
    public static bool IsFrom(string? stamped, string origin) => stamped is null || string.Equals(stamped, origin, StringComparison.Ordinal);

    private static bool HasForeign(Message message, string origin) =>
        (message.ReasoningBlocks?.Any(b => !IsFrom(b.Origin, origin)) ?? false) ||
        (message.ToolCalls?.Any(c => c.Signature is not null && !IsFrom(c.Origin, origin)) ?? false);
}
