namespace ReasonStream.Cli.Logging;

/// <summary>The log database's table. Columns are added, never renamed, so old logs stay readable.</summary>
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

    public const string Columns =
        "id, conversation_id, turn, started_at, status, provider, model, base_url, system_prompt, prompt, reasoning, answer, tool_calls, " +
        "prompt_tokens, completion_tokens, reasoning_tokens, cached_tokens, cache_hit_tokens, cache_miss_tokens, total_tokens, " +
        "first_byte_ms, first_reasoning_ms, first_answer_ms, reasoning_ms, total_ms, tokens_per_second, " +
        "finish_reason, truncated, error_kind, error_message, exit_code";
}
