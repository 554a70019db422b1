using System.Net;
using System.Text.Json;
using ReasonStream.AspNetCore.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.AspNetCore.Tests;

/// <summary>Finished exchanges kept beyond the retention in SQLite (and PostgreSQL when one is given).</summary>
public sealed class ArchiveTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), "relay-archive-" + Guid.NewGuid().ToString("N") + ".db");

    [Fact]
    public async Task A_finished_exchange_is_archived_in_SQLite_and_served_with_its_conversation()
    {
        var upstream = Upstream.Generate(12, 6);
        await using var server = await ReplayServer.StartAsync(upstream.Response(), Upstream.Generate(3, 3).Response());
        await using var host = await RelayHost.StartAsync(server.BaseUri, relay => relay.UseSqliteArchive($"Data Source={_database}"));

        var first = await host.StartStreamAsync("Why is the sky blue?", conversation: "conv-1");
        await host.WaitForEndAsync(first);
        var second = await host.StartStreamAsync("And at sunset?", conversation: "conv-1");
        await host.WaitForEndAsync(second);

        using var exchange = JsonDocument.Parse(await host.Http.GetStringAsync($"/relay/{first}"));
        var root = exchange.RootElement;
        Assert.Equal(upstream.Reasoning, root.GetProperty("reasoning").GetString());
        Assert.Equal(upstream.Answer, root.GetProperty("answer").GetString());
        Assert.Equal("Why is the sky blue?", root.GetProperty("prompt").GetString());
        Assert.Equal("stop", root.GetProperty("finish_reason").GetString());
        Assert.Equal(15, root.GetProperty("usage").GetProperty("reasoning_tokens").GetInt32());
        Assert.True(root.GetProperty("reasoning_ms").GetInt64() >= 0);

        using var conversation = JsonDocument.Parse(await host.Http.GetStringAsync("/relay/conversations/conv-1"));
        Assert.Equal([first, second], conversation.RootElement.GetProperty("exchanges").EnumerateArray().Select(e => e.GetProperty("id").GetString()));

        using var missing = await host.Http.GetAsync("/relay/AAAAAAAAAAAAAAAAAAAAAA");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_stopped_exchange_is_archived_with_its_error_and_what_arrived()
    {
        var upstream = Upstream.Generate(20, 5);
        var response = upstream.Response();
        await using var server = await ReplayServer.StartAsync(response with { StallAfterBytes = response.Body.Length / 3 });
        await using var host = await RelayHost.StartAsync(server.BaseUri, relay => relay.UseSqliteArchive($"Data Source={_database}"));
        var id = await host.StartStreamAsync();
        await using var follower = await host.FollowAsync(id);
        await follower.ReadUntilAsync(e => e.EventType == "reasoning");

        using var stop = await host.Http.PostAsync($"/relay/{id}/cancel", null);
        await host.WaitForEndAsync(id);

        using var exchange = JsonDocument.Parse(await host.Http.GetStringAsync($"/relay/{id}"));
        Assert.Equal("canceled", exchange.RootElement.GetProperty("error").GetProperty("kind").GetString());
        Assert.StartsWith(exchange.RootElement.GetProperty("reasoning").GetString()!, upstream.Reasoning);
        Assert.Equal(JsonValueKind.Null, exchange.RootElement.GetProperty("finish_reason").ValueKind);
    }

    [PostgresFact]
    public async Task Instances_sharing_a_PostgreSQL_archive_see_each_others_exchanges()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var upstream = Upstream.Generate(8, 4);
        await using var server = await ReplayServer.StartAsync(upstream.Response(), upstream.Response());
        await using var a = await RelayHost.StartAsync(server.BaseUri, relay => relay.UsePostgreSqlArchive(postgres.ConnectionString));
        await using var b = await RelayHost.StartAsync(server.BaseUri, relay => relay.UsePostgreSqlArchive(postgres.ConnectionString));

        var onA = await a.StartStreamAsync("first", conversation: "shared");
        await a.WaitForEndAsync(onA);
        var onB = await b.StartStreamAsync("second", conversation: "shared");
        await b.WaitForEndAsync(onB);

        using var conversation = JsonDocument.Parse(await a.Http.GetStringAsync("/relay/conversations/shared"));
        var exchanges = conversation.RootElement.GetProperty("exchanges").EnumerateArray().ToList();
        Assert.Equal([onA, onB], exchanges.Select(e => e.GetProperty("id").GetString()));
        Assert.Equal(["first", "second"], exchanges.Select(e => e.GetProperty("prompt").GetString()));
        Assert.All(exchanges, e => Assert.Equal(upstream.Reasoning, e.GetProperty("reasoning").GetString()));
        Assert.All(exchanges, e => Assert.Equal(33, e.GetProperty("usage").GetProperty("total_tokens").GetInt32()));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}
