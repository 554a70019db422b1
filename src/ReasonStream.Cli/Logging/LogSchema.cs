namespace ReasonStream.Cli.Logging;

/// <summary>The log database's table and its full-text index. Columns are added, never renamed, so old logs stay readable.</summary>
internal static class LogSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS exchanges (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id TEXT NOT NULL,
            turn INTEGER NOT NULL,
            started_at TEXT NOT NULL,
            status TEXT NOT NULL,
            provider TEXT NOT NULL,
            model TEXT NOT NULL,
            base_url TEXT NOT NULL,
            system_prompt TEXT,
            prompt TEXT NOT NULL,
            reasoning TEXT NOT NULL DEFAULT '',
            answer TEXT NOT NULL DEFAULT '',
            tool_calls TEXT,
            prompt_tokens INTEGER,
            completion_tokens INTEGER,
            reasoning_tokens INTEGER,
            cached_tokens INTEGER,
            cache_hit_tokens INTEGER,
            cache_miss_tokens INTEGER,
            total_tokens INTEGER,
            first_byte_ms REAL,
            first_reasoning_ms REAL,
            first_answer_ms REAL,
            reasoning_ms REAL,
            total_ms REAL,
            tokens_per_second REAL,
            finish_reason TEXT,
            truncated INTEGER NOT NULL DEFAULT 0,
            error_kind TEXT,
            error_message TEXT,
            exit_code INTEGER
        );
        CREATE INDEX IF NOT EXISTS exchanges_conversation ON exchanges (conversation_id, turn);
        """;

    /// <summary>Columns added after the first release, each with its type: added to an older log when it is opened.</summary>
    public static readonly (string Name, string Type)[] Added = [("output_tokens", "INTEGER")];

    /// <summary>
    /// Full-text search over prompts and answers (SQLite FTS5), an external-content index kept in step with the table by
    /// triggers, so `reason logs -q` finds words without scanning every row.
    /// </summary>
    public const string CreateSearch = """
        CREATE VIRTUAL TABLE IF NOT EXISTS exchanges_search USING fts5(
            prompt, answer, content='exchanges', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
        CREATE TRIGGER IF NOT EXISTS exchanges_search_insert AFTER INSERT ON exchanges BEGIN
            INSERT INTO exchanges_search(rowid, prompt, answer) VALUES (new.id, new.prompt, new.answer);
        END;
        CREATE TRIGGER IF NOT EXISTS exchanges_search_delete AFTER DELETE ON exchanges BEGIN
            INSERT INTO exchanges_search(exchanges_search, rowid, prompt, answer) VALUES ('delete', old.id, old.prompt, old.answer);
        END;
        CREATE TRIGGER IF NOT EXISTS exchanges_search_update AFTER UPDATE OF prompt, answer ON exchanges BEGIN
            INSERT INTO exchanges_search(exchanges_search, rowid, prompt, answer) VALUES ('delete', old.id, old.prompt, old.answer);
            INSERT INTO exchanges_search(rowid, prompt, answer) VALUES (new.id, new.prompt, new.answer);
        END;
        """;

    public const string Columns =
        "id, conversation_id, turn, started_at, status, provider, model, base_url, system_prompt, prompt, reasoning, answer, tool_calls, " +
        "prompt_tokens, completion_tokens, reasoning_tokens, cached_tokens, cache_hit_tokens, cache_miss_tokens, total_tokens, " +
        "first_byte_ms, first_reasoning_ms, first_answer_ms, reasoning_ms, total_ms, tokens_per_second, " +
        "finish_reason, truncated, error_kind, error_message, exit_code, output_tokens";
}
