using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ReasonStream.AspNetCore;

/// <summary>Finished exchanges in a SQLite file (one server); the table is created on first use.</summary>
internal sealed class SqliteExchangeArchive(string connectionString) : SqlExchangeArchive
{
    protected override string CreateTableSql => """
        CREATE TABLE IF NOT EXISTS relay_exchanges (
          stream_id TEXT PRIMARY KEY, conversation_id TEXT, prompt TEXT NOT NULL, reasoning TEXT NOT NULL, answer TEXT NOT NULL,
          tool_calls TEXT NOT NULL, usage TEXT, finish_reason TEXT, error_kind TEXT, error_message TEXT, model TEXT,
          started_at INTEGER NOT NULL, finished_at INTEGER NOT NULL, reasoning_ms INTEGER);
        CREATE INDEX IF NOT EXISTS relay_exchanges_conversation ON relay_exchanges (conversation_id, started_at);
        """;

    protected override string UpsertSql => """
        INSERT OR REPLACE INTO relay_exchanges VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
        """;

    protected override string ParameterName(int position) => "$" + position.ToString(System.Globalization.CultureInfo.InvariantCulture);

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    protected override DbParameter Parameter(DbCommand command, string name, object? value) => new SqliteParameter(name, value ?? DBNull.Value);
}
