using System.Data.Common;

namespace ReasonStream.AspNetCore;

/// <summary>
/// The SQL both archives share: one table, <c>relay_exchanges</c>, times as Unix milliseconds, tool calls and usage
/// as JSON text. Positional parameters (<c>$1</c>…) work in both SQLite and PostgreSQL.
/// </summary>
internal abstract class SqlExchangeArchive : IExchangeArchive
{
    private const string Columns = "stream_id, conversation_id, prompt, reasoning, answer, tool_calls, usage, finish_reason, error_kind, error_message, model, started_at, finished_at, reasoning_ms";
    private readonly Lock _schemaLock = new();
    private Task? _schemaReady;

    protected abstract string CreateTableSql { get; }

    protected abstract string UpsertSql { get; }

    public async Task SaveAsync(ArchivedExchange exchange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        await using var connection = await OpenReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = UpsertSql;
        object?[] values =
        [
            exchange.StreamId, exchange.ConversationId, exchange.Prompt, exchange.Reasoning, exchange.Answer,
            ExchangeJson.ToolCalls(exchange.ToolCalls), ExchangeJson.Usage(exchange.Usage), exchange.FinishReason,
            exchange.ErrorKind, exchange.ErrorMessage, exchange.Model,
            exchange.StartedAt.ToUnixTimeMilliseconds(), exchange.FinishedAt.ToUnixTimeMilliseconds(),
            exchange.ReasoningDuration is { } thought ? (long)thought.TotalMilliseconds : null,
        ];
        for (var i = 0; i < values.Length; i++) command.Parameters.Add(Parameter(command, ParameterName(i + 1), values[i]));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ArchivedExchange?> FindAsync(string streamId, CancellationToken cancellationToken)
    {
        var found = await QueryAsync($"SELECT {Columns} FROM relay_exchanges WHERE stream_id = $1", streamId, null, cancellationToken).ConfigureAwait(false);
        return found.Count > 0 ? found[0] : null;
    }

    public async Task<IReadOnlyList<ArchivedExchange>> ListConversationAsync(string conversationId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var latest = await QueryAsync(
            $"SELECT {Columns} FROM relay_exchanges WHERE conversation_id = $1 ORDER BY started_at DESC, stream_id DESC LIMIT $2",
            conversationId, limit, cancellationToken).ConfigureAwait(false);
        latest.Reverse();
        return latest;
    }

    protected abstract string ParameterName(int position);

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    protected abstract DbParameter Parameter(DbCommand command, string name, object? value);

    private async Task<List<ArchivedExchange>> QueryAsync(string sql, string key, int? limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadyAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add(Parameter(command, ParameterName(1), key));
        if (limit is { } count) command.Parameters.Add(Parameter(command, ParameterName(2), (long)count));
        var exchanges = new List<ArchivedExchange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            exchanges.Add(new ArchivedExchange
            {
                StreamId = reader.GetString(0),
                ConversationId = reader.IsDBNull(1) ? null : reader.GetString(1),
                Prompt = reader.GetString(2),
                Reasoning = reader.GetString(3),
                Answer = reader.GetString(4),
                ToolCalls = ExchangeJson.ReadToolCalls(reader.GetString(5)),
                Usage = reader.IsDBNull(6) ? null : ExchangeJson.ReadUsage(reader.GetString(6)),
                FinishReason = reader.IsDBNull(7) ? null : reader.GetString(7),
                ErrorKind = reader.IsDBNull(8) ? null : reader.GetString(8),
                ErrorMessage = reader.IsDBNull(9) ? null : reader.GetString(9),
                Model = reader.IsDBNull(10) ? null : reader.GetString(10),
                StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)),
                FinishedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(12)),
                ReasoningDuration = reader.IsDBNull(13) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(13)),
            });
        }

        return exchanges;
    }

    private async Task<DbConnection> OpenReadyAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return await OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the table once per archive (again after a failure), never twice at the same time.</summary>
    private Task EnsureSchemaAsync()
    {
        lock (_schemaLock)
        {
            if (_schemaReady is null || _schemaReady.IsFaulted || _schemaReady.IsCanceled) _schemaReady = CreateSchemaAsync();
            return _schemaReady;
        }
    }

    private async Task CreateSchemaAsync()
    {
        await using var connection = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = CreateTableSql;
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
