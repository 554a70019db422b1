using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ReasonStream.Extensions.AI;

/// <summary>
/// An <see cref="IChatClient"/> over a <see cref="ReasoningClient"/>: reasoning streams as <see cref="TextReasoningContent"/>,
/// the answer as <see cref="TextContent"/>, tool calls as complete <see cref="FunctionCallContent"/>s, usage as
/// <see cref="UsageContent"/>. Earlier reasoning in the history is sent back exactly as the provider requires
/// (<see cref="ReasoningHistory"/>), so <c>UseFunctionInvocation()</c> loops work with thinking models.
/// </summary>
/// <example>
/// <code>
/// IChatClient chat = new ReasoningClient(ReasoningClientOptions.DeepSeek()).AsIChatClient();
/// await foreach (var update in chat.GetStreamingResponseAsync("Why is the sky blue?"))
/// {
///     foreach (var content in update.Contents)
///     {
///         if (content is TextReasoningContent thought) Console.Error.Write(thought.Text);
///         else if (content is TextContent text) Console.Write(text.Text);
///     }
/// }
/// </code>
/// </example>
/// <remarks>
/// Telemetry is layered: Microsoft.Extensions.AI's <c>UseOpenTelemetry()</c> around this client records the GenAI
/// conventions (a <c>chat {model}</c> span, token usage with reasoning tokens), and the <see cref="ReasoningClient"/>
/// underneath records what only it sees (attempts, retry waits, time to first byte, how the stream ended) under
/// <see cref="ReasonStreamTelemetry.SourceName"/>. Each call is counted once by each.
/// </remarks>
public sealed class ReasoningChatClient : IChatClient
{

    /// <summary>Creates the adapter. The <paramref name="client"/> stays the caller's: disposing this adapter leaves it open.</summary>
    /// <param name="client">The library client that does the streaming.</param>
    /// <param name="options">Defaults for what <see cref="ChatOptions"/> leaves open.</param>
    /// <param name="loggerFactory">Where the adapter says what it could not send (a value that cannot be written as JSON); null: nowhere.</param>
    public ReasoningChatClient(ReasoningClient client, ReasoningChatClientOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        InnerClient = client ?? throw new ArgumentNullException(nameof(client));
        Options = options ?? new ReasoningChatClientOptions();
        Logger = loggerFactory?.CreateLogger<ReasoningChatClient>();

        var clientOptions = client.Options;
        Metadata = new ChatClientMetadata(
            ProviderNameOf(clientOptions.Provider),
            clientOptions.BaseUri,
            Options.DefaultModel ?? clientOptions.Provider.DefaultModel);
    }

    /// <summary>The library client underneath.</summary>
    public ReasoningClient InnerClient { get; }

    /// <summary>The adapter's defaults.</summary>
    public ReasoningChatClientOptions Options { get; }

    /// <summary>Where the adapter says what it could not send (a value that cannot be written as JSON).</summary>
    internal ILogger? Logger { get; }

    /// <summary>Provider name (OpenTelemetry spelling), base URL and default model.</summary>
    public ChatClientMetadata Metadata { get; }

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);

        // Built eagerly so that a history that cannot be sent fails at the call, not at the first MoveNext.
        var request = RequestConverter.Create(messages, options, this);
        return StreamAsync(request, cancellationToken);
    }

    /// <summary>The provider's name as the OpenTelemetry conventions spell it (<c>deepseek</c>, <c>openai</c>, <c>x_ai</c>…), else the preset's name.</summary>
    private static string ProviderNameOf(ProviderPreset provider) => provider.Name switch
    {
        "xai" => "x_ai",
        var name => name,
    };

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(ChatClientMetadata)) return Metadata;
        if (serviceType == typeof(ReasoningClient)) return InnerClient;
        if (serviceType == typeof(ReasoningClientOptions)) return InnerClient.Options;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Nothing to release: the <see cref="InnerClient"/> belongs to whoever created it.</summary>
    public void Dispose()
    {
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var converter = new UpdateConverter();
        await foreach (var update in InnerClient.StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (converter.Convert(update) is { } converted) yield return converted;
        }
    }
}
