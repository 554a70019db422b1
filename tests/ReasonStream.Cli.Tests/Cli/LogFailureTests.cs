using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary>
/// The log can fail while the answer must not: a row that cannot be written or completed is warned about once on stderr,
/// never claimed (no log_id, no "kept in the log"), and a database another program holds is waited for only briefly.
/// The failures are real SQLite errors inside the real program: the test arms the database with a trigger that fails the
/// way a full disk or a read-only file does, or holds its write lock from another connection.
/// </summary>
public sealed class LogFailureTests
{
    private static async Task<string> CreatedLog(Sandbox sandbox)
    {
        var created = await sandbox.RunAsync("logs"); // creates the database and its table
        Assert.True(created.ExitCode == 0, created.ToString());
        return Path.Combine(sandbox.DataDir, "reason.db");
    }

    private static void Execute(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static JsonNode Summary(CliResult result) => JsonNode.Parse(result.Stdout.TrimEnd().Split('\n')[^1])!;

    [Fact]
    public async Task A_row_that_cannot_be_completed_is_warned_about_and_never_claimed()
    {
        using var sandbox = new Sandbox().WithKey();
        string database = await CreatedLog(sandbox);
        Execute(database, "CREATE TRIGGER full_disk BEFORE UPDATE ON exchanges BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;");
        await using var server = await ReplayServer.StartAsync(Streams.Known());

        var result = await sandbox.RunAsync(LiveServer.Args(server, "--json", "Q"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var summary = Summary(result);
        Assert.Equal(Streams.Answer, (string?)summary["answer"]);
        Assert.Null(summary["log_id"]); // the row stays 'running': it is not this exchange's log
        Assert.Contains("warning: this exchange is logged incompletely: row 1 stays 'running' without its output: database or disk is full", result.Stderr);
        Assert.Single(result.Stderr.Split('\n'), line => line.StartsWith("warning:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failure_after_the_output_began_does_not_point_to_an_incomplete_row()
    {
        using var sandbox = new Sandbox().WithKey();
        string database = await CreatedLog(sandbox);
        Execute(database, "CREATE TRIGGER full_disk BEFORE UPDATE ON exchanges BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;");
        await using var server = await ReplayServer.StartAsync(Streams.Known().InjectAfterEvents(4, "data: {\"error\":{\"message\":\"Upstream overloaded\"}}\n\n", dropRest: true));

        var result = await sandbox.RunAsync(LiveServer.Args(server, "Q"));

        Assert.True(result.ExitCode == 7, result.ToString());
        Assert.DoesNotContain("reason logs show", result.Stderr);
        Assert.Contains("logged incompletely", result.Stderr);
    }

    [Fact]
    public async Task A_database_that_takes_no_rows_is_said_once_and_the_answer_still_comes()
    {
        using var sandbox = new Sandbox().WithKey();
        string database = await CreatedLog(sandbox);
        Execute(database, "CREATE TRIGGER read_only BEFORE INSERT ON exchanges BEGIN SELECT RAISE(ABORT, 'attempt to write a readonly database'); END;");
        await using var server = await ReplayServer.StartAsync(Streams.Known(), Streams.Known(answer: "Two."));

        var ask = await sandbox.RunAsync(LiveServer.Args(server, "--json", "Q"));
        var chat = await sandbox.RunAsync(["chat", .. LiveServer.Args(server)], stdin: "First?\n");

        Assert.True(ask.ExitCode == 0, ask.ToString());
        Assert.Equal(Streams.Answer, (string?)Summary(ask)["answer"]);
        Assert.Null(Summary(ask)["log_id"]);
        Assert.Contains("warning: this exchange is not logged: attempt to write a readonly database", ask.Stderr);
        Assert.True(chat.ExitCode == 0, chat.ToString());
        Assert.Equal("Two.\n", chat.Stdout);
        Assert.Single(chat.Stderr.Split('\n'), line => line.StartsWith("warning:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_database_another_program_holds_is_waited_for_briefly_then_the_answer_comes_unlogged()
    {
        using var sandbox = new Sandbox().WithKey();
        string database = await CreatedLog(sandbox);
        await using var server = await ReplayServer.StartAsync(Streams.Known());
        using var holder = new SqliteConnection($"Data Source={database};Pooling=False");
        holder.Open();
        using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE;";
            begin.ExecuteNonQuery();
        }

        // The lock is held for the whole run: only a bounded wait lets the answer come at all (the 30 s default per
        // statement would outlast the test's own limit).
        var result = await sandbox.RunAsync(LiveServer.Args(server, "Q"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Streams.Answer + "\n", result.Stdout);
        Assert.Contains("warning: this exchange is not logged: database is locked", result.Stderr);
        Assert.Single(server.Requests);
    }

    [Fact]
    public void The_lock_wait_is_a_few_seconds()
    {
        Assert.InRange(ReasonStream.Cli.Logging.ExchangeLog.LockWait, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
    }
}
