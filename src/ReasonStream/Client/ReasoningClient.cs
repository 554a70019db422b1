using System.Runtime.CompilerServices;

namespace ReasonStream;

/// <summary>
/// Streams chat completions from any OpenAI-compatible endpoint as typed updates: reasoning, answer,
/// tool calls, usage, finish. Thread-safe; reuse one instance.
/// </summary>
public sealed partial class ReasoningClient : IDisposable
{
    /// <summary>The options in force. Set them before creating the client; changing them while requests run is not supported.</summary>
    public ReasoningClientOptions Options { get; }

    /// <summary>Streams the response to <paramref name="request"/> as updates arrive.</summary>
    /// <param name="request">What to ask.</param>
    /// <param name="cancellationToken">Cancels the request and closes the connection promptly.</param>
    /// <exception cref="ReasonStreamException">Any failure, typed; carries the partial output.</exception>
    /// <exception cref="StreamCanceledException">The caller cancelled.</exception>
    public IAsyncEnumerable<StreamUpdate> StreamAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StreamCoreAsync(request, null, cancellationToken);
    }

    /// <summary>
    /// Streams synchronously: each <c>MoveNext</c> blocks only until the next update arrives, so updates
    /// are seen live, not at the end.
    /// </summary>
    /// <param name="request">What to ask.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public IEnumerable<StreamUpdate> Stream(ChatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SyncStream(StreamAsync(request, cancellationToken), cancellationToken);
    }

    /// <summary>Streams the response and folds it into a <see cref="ChatResult"/>.</summary>
    /// <param name="request">What to ask.</param>
    /// <param name="onUpdate">Called with each update as it arrives (optional).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<ChatResult> CompleteAsync(ChatRequest request, Action<StreamUpdate>? onUpdate = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var accumulator = new ChatAccumulator();
        await foreach (var update in StreamCoreAsync(request, accumulator, cancellationToken).ConfigureAwait(false))
        {
            onUpdate?.Invoke(update);
        }

        return accumulator.ToResult();
    }

    /// <summary>Synchronous <see cref="CompleteAsync"/>.</summary>
    /// <param name="request">What to ask.</param>
    /// <param name="onUpdate">Called with each update as it arrives (optional).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public ChatResult Complete(ChatRequest request, Action<StreamUpdate>? onUpdate = null, CancellationToken cancellationToken = default) =>
        CompleteAsync(request, onUpdate, cancellationToken).ConfigureAwait(false).GetAwaiter().GetResult();

    private static IEnumerable<StreamUpdate> SyncStream(IAsyncEnumerable<StreamUpdate> source, CancellationToken cancellationToken)
    {
        // Sync over async, one update at a time; every await below is ConfigureAwait(false), so no
        // synchronization context is needed to make progress.
        var enumerator = source.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (enumerator.MoveNextAsync().AsTask().ConfigureAwait(false).GetAwaiter().GetResult())
            {
                yield return enumerator.Current;
            }
        }
        finally
        {
            enumerator.DisposeAsync().AsTask().ConfigureAwait(false).GetAwaiter().GetResult();
        }
    }
}
