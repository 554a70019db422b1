namespace ReasonStream;

/// <summary>Helpers over a stream of updates.</summary>
public static class StreamUpdateExtensions
{
    /// <summary>Consumes the stream and folds it into a <see cref="ChatResult"/>.</summary>
    /// <param name="updates">The stream.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    public static async Task<ChatResult> ToResultAsync(this IAsyncEnumerable<StreamUpdate> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var accumulator = new ChatAccumulator();
        await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            accumulator.Add(update);
        }

        return accumulator.ToResult();
    }

    /// <summary>Consumes the stream and folds it into a <see cref="ChatResult"/>.</summary>
    /// <param name="updates">The stream.</param>
    public static ChatResult ToResult(this IEnumerable<StreamUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var accumulator = new ChatAccumulator();
        foreach (var update in updates) accumulator.Add(update);
        return accumulator.ToResult();
    }
}
