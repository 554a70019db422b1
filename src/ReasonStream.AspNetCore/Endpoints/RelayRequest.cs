namespace ReasonStream.AspNetCore;

/// <summary>
/// What a relay endpoint should stream: built by the application's start callback from the browser's request.
/// Either a <see cref="ChatRequest"/>, sent with the <see cref="ReasoningClient"/> registered in dependency injection
/// (any provider and protocol the library speaks), or any source of <see cref="StreamUpdate"/>s (a tool loop, a
/// client of your own).
/// </summary>
/// <example>
/// <code>
/// app.MapReasoningRelay("/relay", async http =>
/// {
///     var question = (await http.Request.ReadFormAsync())["q"].ToString();
///     return new RelayRequest(new ChatRequest("deepseek-flash", [Message.User(question)]));
/// });
/// </code>
/// </example>
public sealed class RelayRequest
{
    /// <summary>Streams <paramref name="request"/> with the <see cref="ReasoningClient"/> from dependency injection.</summary>
    /// <param name="request">What to ask.</param>
    public RelayRequest(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ChatRequest = request;
        Prompt = request.Messages.LastOrDefault(m => m.Role == MessageRole.User)?.Content ?? "";
    }

    /// <summary>Streams <paramref name="request"/> with <paramref name="client"/>.</summary>
    /// <param name="client">The client to send it with.</param>
    /// <param name="request">What to ask.</param>
    public RelayRequest(ReasoningClient client, ChatRequest request)
        : this(request)
    {
        ArgumentNullException.ThrowIfNull(client);
        Client = client;
    }

    /// <summary>
    /// Streams whatever <paramref name="updates"/> yields; the token it is given is cancelled when the stream is
    /// stopped. Failures should be <see cref="ReasonStreamException"/>s; any other exception ends the stream with an
    /// <c>internal</c> error that does not show its message.
    /// </summary>
    /// <param name="updates">Starts the source.</param>
    /// <param name="prompt">The question, as archived and shown in a conversation's history.</param>
    public RelayRequest(Func<CancellationToken, IAsyncEnumerable<StreamUpdate>> updates, string prompt)
    {
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(prompt);
        Updates = updates;
        Prompt = prompt;
    }

    /// <summary>The request to send, when built from one.</summary>
    public ChatRequest? ChatRequest { get; }

    /// <summary>The client to send it with; null: the <see cref="ReasoningClient"/> registered in dependency injection.</summary>
    public ReasoningClient? Client { get; }

    /// <summary>The source of updates, when built from one.</summary>
    public Func<CancellationToken, IAsyncEnumerable<StreamUpdate>>? Updates { get; }

    /// <summary>The question, as archived; by default the text of the request's last user message.</summary>
    public string Prompt { get; init; }

    /// <summary>
    /// Groups exchanges into a conversation in the archive (<see cref="IExchangeArchive.ListConversationAsync"/>);
    /// null for none. Treat it as a secret when it is the only thing that guards a conversation.
    /// </summary>
    public string? ConversationId { get; init; }
}
