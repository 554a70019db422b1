using System.Security.Cryptography;
using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Exchange;

namespace ReasonStream.Cli.Logging;

/// <summary>
/// Rebuilds a logged conversation as a library <see cref="Conversation"/>, so the provider's history rule
/// decides what reasoning goes back (DeepSeek: none, unless the turn completed tool calls, which a logged turn never
/// has: its tool calls are not sent back, for want of results).
/// </summary>
internal sealed class ConversationHistory
{
    private readonly List<ExchangeRecord> _turns;

    private ConversationHistory(string id, IEnumerable<ExchangeRecord> turns)
    {
        Id = id;
        _turns = [.. turns];
    }

    public string Id { get; }

    /// <summary>The earlier turns, oldest first (failed ones included; they are skipped when building messages).</summary>
    public IReadOnlyList<ExchangeRecord> Turns => _turns;

    public int NextTurn => Turns.Count == 0 ? 1 : Turns.Max(t => t.Turn) + 1;

    public ExchangeRecord? Last => Turns.Count == 0 ? null : Turns[^1];

    public static ConversationHistory New() => new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), []);

    /// <summary>The latest conversation in the log (for <c>-c</c>), or a given one (for <c>--cid</c>).</summary>
    public static ConversationHistory Load(ExchangeLog log, string? conversationId)
    {
        string id = conversationId ?? log.LatestConversationId()
            ?? throw new CliException(ExitCodes.Usage, "There is no earlier conversation to continue.", "ask something first, or drop -c");
        var turns = log.Conversation(id);
        if (turns.Count == 0)
        {
            throw new CliException(ExitCodes.Usage, $"No conversation '{id}' in the log.", "`reason logs` lists conversation ids");
        }

        return new ConversationHistory(id, turns);
    }

    /// <summary>Adds a finished turn (a chat session keeps going in memory, logged or not).</summary>
    public void Add(ExchangeRecord turn) => _turns.Add(turn);

    /// <summary>The messages for the next turn, with the endpoint's history rule applied.</summary>
    public IReadOnlyList<Message> MessagesFor(Endpoint endpoint, string? systemPrompt, string prompt)
    {
        var conversation = new Conversation(endpoint.HistoryRule);
        string? system = systemPrompt ?? Turns.Select(t => t.SystemPrompt).FirstOrDefault(s => s is not null);
        if (system is not null) conversation.AddSystem(system);
        foreach (var turn in Turns)
        {
            if (turn.Status != ExchangeStatus.Ok) continue;
            conversation.AddUser(turn.Prompt);
            // `reason` runs no tools, so a logged turn's tool calls never got results. An assistant message with
            // tool_calls and no tool message after it is rejected (400) by every OpenAI-compatible API: send its text
            // only. Then the turn has no completed tool calls, and the history rule sends no reasoning for it.
            conversation.Add(Message.Assistant(turn.Answer, turn.Reasoning));
        }

        conversation.AddUser(prompt);
        return conversation.ToRequestMessages();
    }

    /// <summary>
    /// The protocol the last turn spoke, from its base URL: the preset's default unless only another of its protocols
    /// listens there (DeepSeek's Anthropic endpoint, Ollama's native one).
    /// </summary>
    private static WireProtocol? ProtocolAt(ExchangeRecord last)
    {
        if (Providers.Find(last.Provider) is not { } preset) return null;
        if (string.Equals(preset.BaseUrl, last.BaseUrl, StringComparison.OrdinalIgnoreCase)) return null;
        return preset.Protocols.Where(p => string.Equals(preset.BaseUrlFor(p), last.BaseUrl, StringComparison.OrdinalIgnoreCase)).Cast<WireProtocol?>().FirstOrDefault();
    }

    /// <summary>Continuing keeps the last turn's provider, URL and model unless the command line names any.</summary>
    public RequestSettings Inherit(RequestSettings settings)
    {
        if (Last is not { } last || settings.Model is not null || settings.Provider is not null || settings.BaseUrl is not null) return settings;
        bool custom = last.Provider == "custom";
        return settings with
        {
            Provider = custom ? null : last.Provider,
            BaseUrl = last.BaseUrl,
            Model = last.Model,
            Api = settings.Api ?? ProtocolAt(last),
        };
    }
}
