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
    /// The <see cref="ReasoningClientOptions.Origin"/> of the client that received the call: its <see cref="Signature"/> (and,
    /// on Gemini, its id) go back only there. Null for a call made by hand: treated as the current endpoint's own.
    /// </summary>
    public string? Origin { get; init; }
}
