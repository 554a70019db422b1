namespace ReasonStream;

/// <summary>
/// One block of reasoning as the provider wants it back in later turns: the thinking text streamed for it, and
/// what only the provider can read — an Anthropic or Gemini signature, encrypted or redacted reasoning, the
/// Responses API's reasoning item. <see cref="Conversation"/> and the protocol's request writer pass it back
/// unchanged, on the protocol that produced it.
/// </summary>
public sealed class ReasoningBlock
{
    /// <summary>The thinking text of this block, as streamed ("" when the provider hid or encrypted it).</summary>
    public string Text { get; init; } = "";

    /// <summary>The protocol whose stream produced the block; other protocols cannot use its signature or data.</summary>
    public WireProtocol Protocol { get; init; }

    /// <summary>
    /// The <see cref="ReasoningClientOptions.ReasoningOrigin"/> of the client that received the block: it goes back only to
    /// a client with the same origin and is left out elsewhere; null — a block made by hand, or stored without one — goes
    /// back to any endpoint of its protocol.
    /// </summary>
    public string? Origin { get; init; }

    /// <summary>Anthropic's thinking signature, or Gemini's <c>thoughtSignature</c> on a text part.</summary>
    public string? Signature { get; init; }

    /// <summary>Reasoning the provider sent encrypted (Responses <c>encrypted_content</c>) or redacted (Anthropic <c>redacted_thinking</c> data).</summary>
    public string? EncryptedContent { get; init; }

    /// <summary>True for Anthropic <c>redacted_thinking</c>: thinking the provider's safety systems hid; it must still be passed back.</summary>
    public bool IsRedacted { get; init; }

    /// <summary>The Responses API reasoning item exactly as received (JSON), passed back unchanged.</summary>
    public string? ItemJson { get; init; }

    /// <summary>
    /// How many characters of the answer streamed before this block: with <see cref="PrecedingToolCalls"/>, where
    /// the block stood in the turn, so the turn goes back in the order the provider sent it (Anthropic and the
    /// Responses API require that order).
    /// </summary>
    public int PrecedingAnswerLength { get; init; }

    /// <summary>How many tool calls streamed before this block.</summary>
    public int PrecedingToolCalls { get; init; }
}
