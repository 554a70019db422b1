using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary>`reason logs -q` (full-text search), `--cid`, `-n`, `reason logs rm`, and readable mistakes.</summary>
public sealed class LogsSearchTests
{
    private static async Task<Sandbox> ThreeExchangesAsync()
    {
        var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(
            Streams.Known(answer: "Fermat's Last Theorem was proved by Wiles."),
            Streams.Known(answer: "The sky is blue because of Rayleigh scattering."),
            Streams.Known(answer: "Théorème: Fermat again, in French."));
        await sandbox.RunAsync(LiveServer.Args(server, "Who proved Fermat?"));
        await sandbox.RunAsync(LiveServer.Args(server, "Why is the sky blue?"));
        await sandbox.RunAsync(LiveServer.Args(server, "-c", "And in French?"));
        return sandbox;
    }

    [Fact]
    public async Task Search_finds_every_word_in_prompts_and_answers_whatever_the_case_and_accents()
    {
        using var sandbox = await ThreeExchangesAsync();

        var fermat = await sandbox.RunAsync("logs", "-q", "FERMAT", "--json");
        var both = await sandbox.RunAsync("logs", "--query", "fermat wiles", "--json");
        var accent = await sandbox.RunAsync("logs", "-q", "theoreme", "--json");
        var none = await sandbox.RunAsync("logs", "-q", "quaternion");

        Assert.Equal([3L, 1L], Ids(fermat));
        Assert.Equal([1L], Ids(both));
        Assert.Equal([3L], Ids(accent));
        Assert.Contains("No logged exchange matches.", none.Stdout);
    }

    [Fact]
    public async Task Cid_and_count_narrow_the_list()
    {
        using var sandbox = await ThreeExchangesAsync();
        var all = await sandbox.RunAsync("logs", "--json");
        string conversation = (string)JsonNode.Parse(all.Stdout)!.AsArray()[0]!["conversation_id"]!;

        var turns = await sandbox.RunAsync("logs", "--cid", conversation, "--json");
        var latest = await sandbox.RunAsync("logs", "-n", "1", "--json");

        Assert.Equal([3L, 2L], Ids(turns));
        Assert.Equal([3L], Ids(latest));
    }

    [Fact]
    public async Task Rm_deletes_an_exchange_or_a_conversation_and_search_forgets_them()
    {
        using var sandbox = await ThreeExchangesAsync();
        string conversation = (string)JsonNode.Parse((await sandbox.RunAsync("logs", "--json")).Stdout)!.AsArray()[0]!["conversation_id"]!;

        var one = await sandbox.RunAsync("logs", "rm", "1");
        var many = await sandbox.RunAsync("logs", "rm", "--cid", conversation);
        var again = await sandbox.RunAsync("logs", "rm", "1");
        var neither = await sandbox.RunAsync("logs", "rm");

        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Contains("Deleted exchange 1.", one.Stdout);
        Assert.Contains($"Deleted 2 exchanges of conversation {conversation}.", many.Stdout);
        Assert.Empty(Ids(await sandbox.RunAsync("logs", "--json")));
        Assert.Empty(Ids(await sandbox.RunAsync("logs", "-q", "fermat", "--json")));
        Assert.DoesNotContain("rayleigh", sandbox.AllDataBytes().ToLowerInvariant()); // overwritten on disk (table, index, journal), not only unlinked
        Assert.True(again.ExitCode == 1, again.ToString());
        Assert.Contains("No exchange 1 in the log.", again.Stderr);
        Assert.True(neither.ExitCode == 1, neither.ToString());
        Assert.Contains("takes an exchange's id or --cid ID", neither.Stderr);
    }

    [Fact]
    public async Task A_log_from_before_search_is_searchable_once_opened()
    {
        using var sandbox = new Sandbox();
        string database = Path.Combine(sandbox.DataDir, "reason.db");
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            // The table as the first release wrote it: no output_tokens column, no search index.
            create.CommandText = ReasonStream.Cli.Logging.LogSchema.Create +
                "INSERT INTO exchanges (conversation_id, turn, started_at, status, provider, model, base_url, prompt, answer) " +
                "VALUES ('c1', 1, '2026-01-01T00:00:00.000Z', 'ok', 'deepseek', 'deepseek-flash', 'https://api.deepseek.com', 'old question', 'an old answer about quasars');";
            create.ExecuteNonQuery();
        }

        var found = await sandbox.RunAsync("logs", "-q", "quasars", "--json");

        Assert.True(found.ExitCode == 0, found.ToString());
        Assert.Equal([1L], Ids(found));
    }

    [Fact]
    public async Task A_log_id_that_is_no_number_is_said_as_such()
    {
        using var sandbox = new Sandbox();

        var result = await sandbox.RunAsync("logs", "show", "abc");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("An exchange's id is a whole number from the first column of `reason logs`, not 'abc'.", result.Stderr);
        Assert.DoesNotContain("System.Int64", result.Stderr);
    }

    private static List<long> Ids(CliResult result) =>
        [.. JsonNode.Parse(result.Stdout)!.AsArray().Select(r => (long)r!["id"]!)];
}
