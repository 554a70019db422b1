namespace ReasonStream.AspNetCore;

/// <summary>
/// Keeps finished exchanges beyond the relay's retention, so a page opened later shows the thinking and the answer.
/// Built in: SQLite (<see cref="ReasoningRelayBuilder.UseSqliteArchive"/>, the default choice for one server) and
/// PostgreSQL (<see cref="ReasoningRelayBuilder.UsePostgreSqlArchive"/>, shared by many instances); implement it for
/// any other store and register it with <see cref="ReasoningRelayBuilder.UseArchive{TArchive}"/>.
/// </summary>
/// <remarks>
/// Saving happens after the stream's last event was stored, off the request path; a failure to save is logged and
/// does not affect the stream. Implementations must be thread-safe.
/// </remarks>
[System.Diagnostics.CodeAnalysis.Experimental(RelayDiagnostics.ArchiveExperiment)]
public interface IExchangeArchive
{
    /// <summary>Saves (or replaces) a finished exchange.</summary>
    /// <param name="exchange">The exchange.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    Task SaveAsync(ArchivedExchange exchange, CancellationToken cancellationToken);

    /// <summary>The exchange of a stream, or null.</summary>
    /// <param name="streamId">The stream id the relay returned when the exchange started.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    Task<ArchivedExchange?> FindAsync(string streamId, CancellationToken cancellationToken);

    /// <summary>The exchanges of a conversation, oldest first (at most <paramref name="limit"/>, the latest ones).</summary>
    /// <param name="conversationId">The <see cref="RelayRequest.ConversationId"/>.</param>
    /// <param name="limit">The most exchanges to return.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    Task<IReadOnlyList<ArchivedExchange>> ListConversationAsync(string conversationId, int limit, CancellationToken cancellationToken);
}
