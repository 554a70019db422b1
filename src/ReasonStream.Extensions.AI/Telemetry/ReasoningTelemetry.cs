using System.Runtime.CompilerServices;

namespace ReasonStream.Extensions.AI;

/// <summary>
/// OpenTelemetry for ReasonStream streams, following the semantic conventions for generative AI: a span
/// <c>chat {model}</c> per request, the metrics <c>gen_ai.client.operation.duration</c>, <c>gen_ai.client.token.usage</c>
/// (input, output, and reasoning apart) and <c>gen_ai.client.operation.time_to_first_chunk</c>, an error counter, and
/// log events. Collect with <c>.AddSource(ReasoningTelemetry.SourceName)</c> and <c>.AddMeter(ReasoningTelemetry.SourceName)</c>.
/// </summary>
/// <example>
/// <code>
/// await foreach (var update in client.StreamWithTelemetryAsync(request)) { … }
/// </code>
/// </example>
public static class ReasoningTelemetry
{
    /// <summary>The name of the <c>ActivitySource</c> and of the <c>Meter</c>: <c>ReasonStream</c>.</summary>
    public const string SourceName = "ReasonStream";

    /// <summary>Streams with a span, metrics and log events around the request.</summary>
    /// <param name="client">The client.</param>
    /// <param name="request">What to ask.</param>
    /// <param name="options">Logging and sensitive-data settings; null: spans and metrics only.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public static IAsyncEnumerable<StreamUpdate> StreamWithTelemetryAsync(this ReasoningClient client, ChatRequest request, ReasoningTelemetryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        return Instrument(client.StreamAsync(request, cancellationToken), request, client.Options, options);
    }

    /// <summary>
    /// Wraps any stream of updates for <paramref name="request"/>: the span starts when enumeration starts and ends at
    /// <see cref="StreamFinished"/>, at the failure (tagged <c>error.type</c>), or when the reader lets go early.
    /// Updates pass through unchanged.
    /// </summary>
    /// <param name="updates">The stream, e.g. from <see cref="ReasoningClient.StreamAsync(ChatRequest, CancellationToken)"/>.</param>
    /// <param name="request">The request being streamed (model and sampling settings are recorded; message text only when enabled).</param>
    /// <param name="clientOptions">Where it went: provider and server.</param>
    /// <param name="options">Logging and sensitive-data settings; null: spans and metrics only.</param>
    public static IAsyncEnumerable<StreamUpdate> Instrument(IAsyncEnumerable<StreamUpdate> updates, ChatRequest request, ReasoningClientOptions clientOptions, ReasoningTelemetryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(clientOptions);
        return InstrumentCore(updates, request, clientOptions, options ?? new ReasoningTelemetryOptions());
    }

    /// <summary>The provider's name as the conventions spell it (<c>deepseek</c>, <c>openai</c>, <c>x_ai</c>…), else the preset's name.</summary>
    internal static string ProviderNameOf(ProviderPreset provider) => provider.Name switch
    {
        "xai" => "x_ai",
        var name => name,
    };

    private static async IAsyncEnumerable<StreamUpdate> InstrumentCore(IAsyncEnumerable<StreamUpdate> updates, ChatRequest request, ReasoningClientOptions clientOptions, ReasoningTelemetryOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var scope = new TelemetryScope(request, clientOptions, options);
        var enumerator = updates.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                StreamUpdate current;
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false)) break;
                    current = enumerator.Current;
                }
                catch (Exception ex)
                {
                    scope.Fail(ex);
                    throw;
                }

                scope.Observe(current);
                yield return current;
            }
        }
        finally
        {
            try
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                scope.End();
            }
        }
    }
}
