using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ReasonStream.Cli.Logging;

/// <summary>
/// The SQLite log of every exchange. A row is written when the request starts and completed when it ends,
/// so even a killed process leaves a trace. It holds every prompt and answer: its folder is created 0700 and its files
/// 0600. A database another program holds is waited for at most <see cref="LockWait"/>, never the 30 s default.
/// </summary>
internal sealed class ExchangeLog : IDisposable
{
    /// <summary>The longest wait for a lock another program holds on the database, per statement.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(3);

    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupAndOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly SqliteConnection _connection;

    private readonly bool _searchable;

    private ExchangeLog(SqliteConnection connection, string path, bool searchable)
    {
        _connection = connection;
        Path = path;
        _searchable = searchable;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    public static ExchangeLog Open(string databasePath)
    {
        string full = System.IO.Path.GetFullPath(databasePath);
        KeepPrivate(full);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Pooling = false,
            DefaultTimeout = (int)LockWait.TotalSeconds, // Microsoft.Data.Sqlite retries a busy database for this long (default 30 s)
        }.ToString());
        try
        {
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = $"PRAGMA busy_timeout={(int)LockWait.TotalMilliseconds}; PRAGMA journal_mode=WAL; PRAGMA secure_delete=ON;";
                pragma.ExecuteNonQuery();
            }

            using (var create = connection.CreateCommand())
            {
                create.CommandText = LogSchema.Create;
                create.ExecuteNonQuery();
            }

            AddMissingColumns(connection);
            bool searchable = CreateSearch(connection);
            return new ExchangeLog(connection, full, searchable);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Adds the columns a log written by an older `reason` lacks.</summary>
    private static void AddMissingColumns(SqliteConnection connection)
    {
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var info = connection.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('exchanges')";
            using var reader = info.ExecuteReader();
            while (reader.Read()) present.Add(reader.GetString(0));
        }

        foreach (var (name, type) in LogSchema.Added)
        {
            if (present.Contains(name)) continue;
            using var add = connection.CreateCommand();
            add.CommandText = $"ALTER TABLE exchanges ADD COLUMN {name} {type}";
            add.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Creates the full-text index (filled from the rows already there when it is new); false when this SQLite was built
    /// without FTS5, and then search reads the rows themselves.
    /// </summary>
    private static bool CreateSearch(SqliteConnection connection)
    {
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'exchanges_search'";
        bool existed = (long)exists.ExecuteScalar()! > 0;
        try
        {
            using var create = connection.CreateCommand();
            create.CommandText = LogSchema.CreateSearch;
            create.ExecuteNonQuery();
            if (!existed)
            {
                using var rebuild = connection.CreateCommand();
                rebuild.CommandText = "INSERT INTO exchanges_search(exchanges_search) VALUES ('rebuild')";
                rebuild.ExecuteNonQuery();
            }

            return true;
        }
        catch (SqliteException e) when (e.Message.Contains("fts5", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
    }

    /// <summary>
    /// Creates the folder (0700) and an empty database file (0600) before SQLite does, which would create them as the umask
    /// allows (0755, 0644: readable by every local user); an existing database and its journal files lose any group and
    /// other permissions. SQLite gives the files it adds (-wal, -shm) the database's own mode.
    /// </summary>
    private static void KeepPrivate(string databasePath)
    {
        string folder = System.IO.Path.GetDirectoryName(databasePath)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        if (!Directory.Exists(folder)) Directory.CreateDirectory(folder, OwnerOnlyFolder);
        if (!File.Exists(databasePath))
        {
            try
            {
                using var created = new FileStream(databasePath, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile });
            }
            catch (IOException) when (File.Exists(databasePath))
            {
                // Another reason process created it a moment ago.
            }
        }

        foreach (string file in (ReadOnlySpan<string>)[databasePath, databasePath + "-wal", databasePath + "-shm", databasePath + "-journal"])
        {
            try
            {
                if (File.Exists(file) && (File.GetUnixFileMode(file) & GroupAndOthers) != 0) File.SetUnixFileMode(file, File.GetUnixFileMode(file) & ~GroupAndOthers);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not ours to change (another user's file we can read): leave it; opening it says what is wrong.
            }
        }
    }

    /// <summary>Writes the row and returns it with its id.</summary>
    public ExchangeRecord Insert(ExchangeRecord record)
    {
        using var command = _connection.CreateCommand();
        command.CommandText =
            "INSERT INTO exchanges (conversation_id, turn, started_at, status, provider, model, base_url, system_prompt, prompt) " +
            "VALUES ($cid, $turn, $started, $status, $provider, $model, $base_url, $system, $prompt) RETURNING id";
        command.Parameters.AddWithValue("$cid", record.ConversationId);
        command.Parameters.AddWithValue("$turn", record.Turn);
        command.Parameters.AddWithValue("$started", record.StartedAt);
        command.Parameters.AddWithValue("$status", record.Status);
        command.Parameters.AddWithValue("$provider", record.Provider);
        command.Parameters.AddWithValue("$model", record.Model);
        command.Parameters.AddWithValue("$base_url", record.BaseUrl);
        command.Parameters.AddWithValue("$system", (object?)record.SystemPrompt ?? DBNull.Value);
        command.Parameters.AddWithValue("$prompt", record.Prompt);
        long id = (long)command.ExecuteScalar()!;
        return record with { Id = id };
    }

    /// <summary>Stores the outcome (or the partial output) of a row written by <see cref="Insert"/>.</summary>
    public void Complete(ExchangeRecord record)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            UPDATE exchanges SET status = $status, reasoning = $reasoning, answer = $answer, tool_calls = $tool_calls,
                prompt_tokens = $pt, completion_tokens = $ct, reasoning_tokens = $rt, cached_tokens = $cached,
                cache_hit_tokens = $hit, cache_miss_tokens = $miss, total_tokens = $tt,
                first_byte_ms = $fb, first_reasoning_ms = $fr, first_answer_ms = $fa, reasoning_ms = $rm, total_ms = $tm,
                tokens_per_second = $tps, finish_reason = $finish, truncated = $truncated,
                error_kind = $error_kind, error_message = $error_message, exit_code = $exit_code, output_tokens = $ot
            WHERE id = $id
            """;
        var p = command.Parameters;
        p.AddWithValue("$id", record.Id);
        p.AddWithValue("$status", record.Status);
        p.AddWithValue("$reasoning", record.Reasoning);
        p.AddWithValue("$answer", record.Answer);
        p.AddWithValue("$tool_calls", record.ToolCalls.Count == 0 ? DBNull.Value
            : JsonSerializer.Serialize(record.ToolCalls.ToList(), LogJsonContext.Readable.ListLoggedToolCall));
        var u = record.Usage;
        p.AddWithValue("$pt", Db(u?.PromptTokens));
        p.AddWithValue("$ct", Db(u?.CompletionTokens));
        p.AddWithValue("$rt", Db(u?.ReasoningTokens));
        p.AddWithValue("$cached", Db(u?.CachedTokens));
        p.AddWithValue("$hit", Db(u?.CacheHitTokens));
        p.AddWithValue("$miss", Db(u?.CacheMissTokens));
        p.AddWithValue("$tt", Db(u?.TotalTokens));
        var t = record.Timings;
        p.AddWithValue("$fb", Db(t?.FirstByteMs));
        p.AddWithValue("$fr", Db(t?.FirstReasoningMs));
        p.AddWithValue("$fa", Db(t?.FirstAnswerMs));
        p.AddWithValue("$rm", Db(t?.ReasoningMs));
        p.AddWithValue("$tm", Db(t?.TotalMs));
        p.AddWithValue("$tps", Db(t?.TokensPerSecond));
        p.AddWithValue("$finish", (object?)record.FinishReason ?? DBNull.Value);
        p.AddWithValue("$truncated", record.Truncated ? 1 : 0);
        p.AddWithValue("$error_kind", (object?)record.ErrorKind ?? DBNull.Value);
        p.AddWithValue("$error_message", (object?)record.ErrorMessage ?? DBNull.Value);
        p.AddWithValue("$exit_code", Db(record.ExitCode));
        p.AddWithValue("$ot", Db(u?.OutputTokens));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// The latest <paramref name="count"/> rows, newest first: of one conversation when <paramref name="conversationId"/> is
    /// given, and only those whose prompt or answer holds every word of <paramref name="query"/> when it is given.
    /// </summary>
    public IReadOnlyList<ExchangeRecord> Latest(int count, string? conversationId = null, string? query = null)
    {
        using var command = _connection.CreateCommand();
        var where = new List<string>();
        if (conversationId is not null)
        {
            where.Add("conversation_id = $cid");
            command.Parameters.AddWithValue("$cid", conversationId);
        }

        if (query is not null)
        {
            var words = SearchWords(query);
            if (_searchable)
            {
                // Each word quoted: FTS5's own syntax (AND, NEAR, *, quotes, columns) never comes from the user's text.
                where.Add("id IN (SELECT rowid FROM exchanges_search WHERE exchanges_search MATCH $q)");
                command.Parameters.AddWithValue("$q", string.Join(' ', words.Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")));
            }
            else
            {
                for (int i = 0; i < words.Count; i++)
                {
                    where.Add($"(instr(lower(prompt), $w{i}) > 0 OR instr(lower(answer), $w{i}) > 0)");
                    command.Parameters.AddWithValue($"$w{i}", words[i].ToLowerInvariant());
                }
            }
        }

        command.CommandText = $"SELECT {LogSchema.Columns} FROM exchanges" +
            (where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where)) + " ORDER BY id DESC LIMIT $n";
        command.Parameters.AddWithValue("$n", count);
        return ReadAll(command);
    }

    /// <summary>The words of a search (an empty query matches everything: it is refused before it gets here).</summary>
    private static List<string> SearchWords(string query) =>
        [.. query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public ExchangeRecord? Find(long id)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {LogSchema.Columns} FROM exchanges WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return ReadAll(command).FirstOrDefault();
    }

    /// <summary>Deletes one row; its text is overwritten on disk (secure_delete), and leaves the search index with it. True when it existed.</summary>
    public bool Delete(long id)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "DELETE FROM exchanges WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        bool deleted = command.ExecuteNonQuery() > 0;
        if (deleted) Purge();
        return deleted;
    }

    /// <summary>Deletes every turn of a conversation; how many rows went.</summary>
    public int DeleteConversation(string conversationId)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "DELETE FROM exchanges WHERE conversation_id = $cid";
        command.Parameters.AddWithValue("$cid", conversationId);
        int deleted = command.ExecuteNonQuery();
        if (deleted > 0) Purge();
        return deleted;
    }

    /// <summary>
    /// After a delete, nothing of the text stays on disk: the search index is merged (its segments would keep the words), and
    /// the write-ahead log is folded into the database and emptied (its frames would keep the old pages).
    /// </summary>
    private void Purge()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = (_searchable ? "INSERT INTO exchanges_search(exchanges_search) VALUES ('optimize'); " : "") + "PRAGMA wal_checkpoint(TRUNCATE);";
        command.ExecuteNonQuery();
    }

    public string? LatestConversationId()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT conversation_id FROM exchanges ORDER BY id DESC LIMIT 1";
        return command.ExecuteScalar() as string;
    }

    /// <summary>Every turn of a conversation, oldest first.</summary>
    public IReadOnlyList<ExchangeRecord> Conversation(string conversationId)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {LogSchema.Columns} FROM exchanges WHERE conversation_id = $cid ORDER BY turn, id";
        command.Parameters.AddWithValue("$cid", conversationId);
        return ReadAll(command);
    }

    public void Dispose() => _connection.Dispose();

    private static List<ExchangeRecord> ReadAll(SqliteCommand command)
    {
        var records = new List<ExchangeRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            records.Add(Read(reader));
        }

        return records;
    }

    private static ExchangeRecord Read(SqliteDataReader r)
    {
        string? toolCallsJson = Text(r, 12);
        return new ExchangeRecord
        {
            Id = r.GetInt64(0),
            ConversationId = r.GetString(1),
            Turn = r.GetInt32(2),
            StartedAt = r.GetString(3),
            Status = r.GetString(4),
            Provider = r.GetString(5),
            Model = r.GetString(6),
            BaseUrl = Configuration.UrlDisplay.WithoutSecrets(r.GetString(7)), // rows written before credentials were kept out
            SystemPrompt = Text(r, 8),
            Prompt = r.GetString(9),
            Reasoning = r.GetString(10),
            Answer = r.GetString(11),
            ToolCalls = toolCallsJson is null ? [] : JsonSerializer.Deserialize(toolCallsJson, LogJsonContext.Readable.ListLoggedToolCall) ?? [],
            Usage = Int(r, 13) is null && Int(r, 14) is null && Int(r, 19) is null ? null : new LoggedUsage(
                Int(r, 13), Int(r, 14), Int(r, 31) ?? Int(r, 14), Int(r, 15), Int(r, 16), Int(r, 17), Int(r, 18), Int(r, 19)),
            Timings = Real(r, 24) is { } total
                ? new LoggedTimings(Real(r, 20), Real(r, 21), Real(r, 22), Real(r, 23), total, Real(r, 25))
                : null,
            FinishReason = Text(r, 26),
            Truncated = r.GetInt32(27) != 0,
            ErrorKind = Text(r, 28),
            ErrorMessage = Text(r, 29),
            ExitCode = Int(r, 30),
        };
    }

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static int? Int(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    private static double? Real(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    private static object Db(int? value) => value is { } v ? v : DBNull.Value;

    private static object Db(double? value) => value is { } v ? v : DBNull.Value;
}
