namespace ReasonStream;

/// <summary>
/// A multi-turn history that remembers each answer's reasoning and tool calls, and sends back exactly
/// what the provider's <see cref="ReasoningHistoryRule"/> requires — so DeepSeek tool loops do not fail
/// with "The reasoning_content in the thinking mode must be passed back to the API."
/// </summary>
/// <example>
/// <code>
/// var conversation = new Conversation(client).AddUser("What's the weather in Paris?");
/// ChatResult first = await client.CompleteAsync(conversation.CreateRequest("deepseek-flash"));
/// conversation.AddAssistant(first).AddToolResult(first.ToolCalls[0].Id, "{\"temp\": 21}");
/// ChatResult second = await client.CompleteAsync(conversation.CreateRequest("deepseek-flash"));
/// </code>
/// </example>
public sealed class Conversation
{
    private readonly List<Message> _messages = [];

    /// <summary>A conversation under the given rule.</summary>
    /// <param name="rule">When reasoning is sent back.</param>
    public Conversation(ReasoningHistoryRule rule) => Rule = rule;

    /// <summary>A conversation under a provider's rule for its default protocol.</summary>
    /// <param name="provider">The provider.</param>
    public Conversation(ProviderPreset provider)
        : this((provider ?? throw new ArgumentNullException(nameof(provider))).HistoryRuleFor(provider.Protocol))
    {
    }

    /// <summary>A conversation under the rule of the client's provider and protocol (<see cref="ReasoningClientOptions.EffectiveHistoryRule"/>).</summary>
    /// <param name="client">The client the conversation's requests go through.</param>
    public Conversation(ReasoningClient client)
        : this((client ?? throw new ArgumentNullException(nameof(client))).Options.EffectiveHistoryRule)
    {
    }

    /// <summary>The rule in force.</summary>
    public ReasoningHistoryRule Rule { get; }

    /// <summary>Every message as it was added, reasoning included.</summary>
    public IReadOnlyList<Message> Messages => _messages;

    /// <summary>Adds any message.</summary>
    /// <param name="message">The message.</param>
    public Conversation Add(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _messages.Add(message);
        return this;
    }

    /// <summary>Adds a system message.</summary>
    /// <param name="text">The instructions.</param>
    public Conversation AddSystem(string text) => Add(Message.System(text));

    /// <summary>Adds a user message.</summary>
    /// <param name="text">The question.</param>
    public Conversation AddUser(string text) => Add(Message.User(text));

    /// <summary>Adds the model's answer, with its reasoning and tool calls.</summary>
    /// <param name="result">The streamed result.</param>
    public Conversation AddAssistant(ChatResult result) => Add((result ?? throw new ArgumentNullException(nameof(result))).ToAssistantMessage());

    /// <summary>Adds the result of a tool call.</summary>
    /// <param name="toolCallId">The call being answered.</param>
    /// <param name="content">The result.</param>
    public Conversation AddToolResult(string toolCallId, string content) => Add(Message.Tool(toolCallId, content));

    /// <summary>Adds the failure of a tool call, told to the model as a failure where the protocol can (<see cref="Message.IsError"/>).</summary>
    /// <param name="toolCallId">The call being answered.</param>
    /// <param name="error">What went wrong, for the model to read.</param>
    public Conversation AddToolError(string toolCallId, string error) => Add(Message.ToolError(toolCallId, error));

    /// <summary>The messages to send, with the rule applied.</summary>
    public IReadOnlyList<Message> ToRequestMessages() => ReasoningHistory.Apply(_messages, Rule);

    /// <summary>A request for the next turn.</summary>
    /// <param name="model">The model.</param>
    public ChatRequest CreateRequest(string model) => new(model, ToRequestMessages());
}
