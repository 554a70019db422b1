namespace ReasonStream;

/// <summary>A complete function call requested by the model.</summary>
/// <param name="Id">The call's id, to be echoed in the <see cref="MessageRole.Tool"/> message that answers it.</param>
/// <param name="Name">The function's name.</param>
/// <param name="Arguments">The arguments as the model wrote them: JSON text, not validated.</param>
public sealed record ToolCall(string Id, string Name, string Arguments)
{
    /// <summary>Gemini's <c>thoughtSignature</c> for this call: passed back with it in later turns (Gemini 3 requires it).</summary>
    public string? Signature { get; init; }

    /// <summary>
    /// The <see cref="ReasoningClientOptions.ReasoningOrigin"/> of the client that received the call: its <see cref="Signature"/>
    /// goes back only to a client with the same origin (elsewhere the call goes without it). Null for a call made by hand.
    /// </summary>
    public string? Origin { get; init; }
}
