namespace ReasonStream.Extensions.AI;

/// <summary>Turns a <see cref="ReasoningClient"/> into a <c>Microsoft.Extensions.AI.IChatClient</c>.</summary>
public static class ReasoningClientChatExtensions
{
    /// <summary>The client as an <c>IChatClient</c>; the client stays yours to dispose.</summary>
    /// <param name="client">The library client.</param>
    /// <param name="options">Defaults for what <c>ChatOptions</c> leaves open.</param>
    public static ReasoningChatClient AsIChatClient(this ReasoningClient client, ReasoningChatClientOptions? options = null) => new(client, options);
}
