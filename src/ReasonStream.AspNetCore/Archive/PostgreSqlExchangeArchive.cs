using System.Data.Common;
using Npgsql;

namespace ReasonStream.AspNetCore;

/// <summary>Finished exchanges in PostgreSQL, shared by every instance; the table is created on first use.</summary>
internal sealed class PostgreSqlExchangeArchive(string connectionString) : SqlExchangeArchive, IAsyncDisposable
{
    // The slim builder: no reflection-based type mapping, so the archive stays trimming- and AOT-safe.
    private readonly NpgsqlDataSource _dataSource = new NpgsqlSlimDataSourceBuilder(connectionString).Build();

    protected override string CreateTableSql => """
        CREATE TABLE IF NOT EXISTS relay_exchanges (
          stream_id TEXT PRIMARY KEY, conversation_id TEXT, prompt TEXT NOT NULL, reasoning TEXT NOT NULL, answer TEXT NOT NULL,
          tool_calls TEXT NOT NULL, usage TEXT, finish_reason TEXT, error_kind TEXT, error_message TEXT, model TEXT,
          started_at BIGINT NOT NULL, finished_at BIGINT NOT NULL, reasoning_ms BIGINT);
        CREATE INDEX IF NOT EXISTS relay_exchanges_conversation ON relay_exchanges (conversation_id, started_at);
        """;

    protected override string UpsertSql => """
        INSERT INTO relay_exchanges VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
        ON CONFLICT (stream_id) DO UPDATE SET conversation_id = EXCLUDED.conversation_id, prompt = EXCLUDED.prompt,
          reasoning = EXCLUDED.reasoning, answer = EXCLUDED.answer, tool_calls = EXCLUDED.tool_calls, usage = EXCLUDED.usage,
          finish_reason = EXCLUDED.finish_reason, error_kind = EXCLUDED.error_kind, error_message = EXCLUDED.error_message,
          model = EXCLUDED.model, started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at, reasoning_ms = EXCLUDED.reasoning_ms
        """;

    protected override string ParameterName(int position) => "";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override DbParameter Parameter(DbCommand command, string name, object? value) => new NpgsqlParameter { Value = value ?? DBNull.Value };

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
