using System.Runtime.CompilerServices;

namespace ReasonStream;

/// <summary>
/// Streams chat completions from any OpenAI-compatible endpoint as typed updates: reasoning, answer,
/// tool calls, usage, finish. Thread-safe; reuse one instance.
/// </summary>
public sealed partial class ReasoningClient : IDisposable
{
    /// <summary>Why the stream and complete overloads each keep an optional token: they differ by a required parameter's type, so no call is ambiguous.</summary>
    private const string OverloadsJustification = "Each overload differs from the others by the type of a required parameter (a request, a request and an accumulator, a prompt string), so no call is ambiguous; the cancellation token stays last and optional, as everywhere in .NET.";

    /// <summary>The options in force. Set them before creating the client; changing them while requests run is not supported.</summary>
    public ReasoningClientOptions Options { get; }

    /// <summary>Streams the response to <paramref name="request"/> as updates arrive.</summary>
    /// <param name="request">What to ask.</param>
    /// <param name="cancellationToken">Cancels the request and closes the connection promptly.</param>
    /// <exception cref="ReasonStreamException">Any failure, typed; carries the partial output.</exception>
    /// <exception cref="StreamCanceledException">The caller cancelled.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = OverloadsJustification)]
    public IAsyncEnumerable<StreamUpdate> StreamAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StreamCoreAsync(request, null, sync: false, cancellationToken);
    }

    /// <summary>
    /// Streams the response to <paramref name="request"/>, folding every update into <paramref name="accumulator"/>
    /// before it is yielded: a failure's <see cref="ReasonStreamException.PartialResult"/> is that accumulator's
    /// result, so the text is kept once, by the caller, whatever <see cref="ReasoningClientOptions.KeepPartialOutput"/> says.
    /// </summary>
    /// <param name="request">What to ask.</param>
    /// <param name="accumulator">Where the updates are folded; its <see cref="ChatAccumulator.ToResult"/> is the result so far.</param>
    /// <param name="cancellationToken">Cancels the request and closes the connection promptly.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = OverloadsJustification)]
    public IAsyncEnumerable<StreamUpdate> StreamAsync(ChatRequest request, ChatAccumulator accumulator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(accumulator);
        return StreamCoreAsync(request, accumulator, sync: false, cancellationToken);
    }

    /// <summary>Streams the answer to one question, to <paramref name="model"/> or the provider's default model.</summary>
    /// <param name="prompt">The question.</param>
    /// <param name="model">The model; null for <see cref="ProviderPreset.DefaultModel"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = OverloadsJustification)]
    public IAsyncEnumerable<StreamUpdate> StreamAsync(string prompt, string? model = null, CancellationToken cancellationToken = default) =>
        StreamAsync(Ask(prompt, model), cancellationToken);

    /// <summary>
    /// Streams synchronously: each <c>MoveNext</c> blocks only until the next update arrives, so updates
    /// are seen live, not at the end.
    /// </summary>
    /// <param name="request">What to ask.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public IEnumerable<StreamUpdate> Stream(ChatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SyncStream(StreamCoreAsync(request, null, sync: true, cancellationToken), cancellationToken);
    }

    /// <summary>Streams the response and folds it into a <see cref="ChatResult"/>.</summary>
    /// <param name="request">What to ask.</param>
    /// <param name="onUpdate">Called with each update as it arrives (optional).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = OverloadsJustification)]
    public async Task<ChatResult> CompleteAsync(ChatRequest request, Action<StreamUpdate>? onUpdate = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var accumulator = new ChatAccumulator();
        await foreach (var update in StreamCoreAsync(request, accumulator, sync: false, cancellationToken).ConfigureAwait(false))
        {
            onUpdate?.Invoke(update);
        }

        return accumulator.ToResult();
    }

    /// <summary>Answers one question, to <paramref name="model"/> or the provider's default model.</summary>
    /// <param name="prompt">The question.</param>
    /// <param name="model">The model; null for <see cref="ProviderPreset.DefaultModel"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = OverloadsJustification)]
    public Task<ChatResult> CompleteAsync(string prompt, string? model = null, CancellationToken cancellationToken = default) =>
        CompleteAsync(Ask(prompt, model), onUpdate: null, cancellationToken);

    private ChatRequest Ask(string prompt, string? model)
    {
        ArgumentException.ThrowIfNullOrEmpty(prompt);
        return new ChatRequest(model ?? Options.Provider.DefaultModel, [Message.User(prompt)]);
    }

    /// <summary>Synchronous <see cref="CompleteAsync(ChatRequest, Action{StreamUpdate}?, CancellationToken)"/>.</summary>
    /// <param name="request">What to ask.</param>
    /// <param name="onUpdate">Called with each update as it arrives (optional).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public ChatResult Complete(ChatRequest request, Action<StreamUpdate>? onUpdate = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var accumulator = new ChatAccumulator();
        foreach (var update in SyncStream(StreamCoreAsync(request, accumulator, sync: true, cancellationToken), cancellationToken))
        {
            onUpdate?.Invoke(update);
        }

        return accumulator.ToResult();
    }

    private static IEnumerable<StreamUpdate> SyncStream(IAsyncEnumerable<StreamUpdate> source, CancellationToken cancellationToken)
    {
        // The source blocks on the caller's thread for every wait (see StreamCoreAsync), so each step is complete when
        // it returns; should one not be, it is waited for (every await inside is ConfigureAwait(false)).
        var enumerator = source.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (Wait(enumerator.MoveNextAsync()))
            {
                yield return enumerator.Current;
            }
        }
        finally
        {
            var disposing = enumerator.DisposeAsync();
            if (!disposing.IsCompletedSuccessfully) disposing.AsTask().ConfigureAwait(false).GetAwaiter().GetResult();
        }
    }

    private static bool Wait(ValueTask<bool> step) =>
        step.IsCompletedSuccessfully ? step.Result : step.AsTask().ConfigureAwait(false).GetAwaiter().GetResult();
}
