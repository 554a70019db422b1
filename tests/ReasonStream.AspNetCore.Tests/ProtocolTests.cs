using System.Text.Json;
using ReasonStream.AspNetCore.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.AspNetCore.Tests;

/// <summary>Every protocol the library speaks, through the relay, from the replay server over real HTTP.</summary>
public sealed class ProtocolTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), "relay-protocols-" + Guid.NewGuid().ToString("N") + ".db");

    [Theory]
    [InlineData(WireProtocol.ChatCompletions)]
    [InlineData(WireProtocol.Responses)]
    [InlineData(WireProtocol.AnthropicMessages)]
    [InlineData(WireProtocol.GeminiGenerateContent)]
    [InlineData(WireProtocol.OllamaChat)]
    public async Task Every_protocol_relays_its_texts_and_tool_call_and_one_normalised_usage_just_before_the_finish(WireProtocol protocol)
    {
        var reply = new ScriptedReply(protocol, "m")
            .Reasoning("think ", "line\nbreak ", "lone\rcr")
            .Answer("ans ", "🙂 ", "end")
            .ToolCall("call_1", "get_weather", "{\"city\":", "\"Paris\"}")
            .Usage(prompt: 10, completion: 20, reasoning: 5)
            .Finish(FinishReasons.ToolCalls);
        await using var server = await ReplayServer.StartAsync(reply.ToResponse());
        var client = new ReasoningClient(new ReasoningClientOptions { BaseUri = server.BaseUri, ApiKey = "k", Protocol = protocol, Retry = RetryPolicy.None });
        await using var host = await RelayHost.StartAsync(null, relay => relay.UseSqliteArchive($"Data Source={_database}"),
            start: _ => ValueTask.FromResult(new RelayRequest(client, new ChatRequest("m", [Message.User("q")]))));
        var id = await host.StartStreamAsync();
        await using var follower = await host.FollowAsync(id);
        await follower.ReadToEndAsync();
        await host.WaitForEndAsync(id);

        var events = follower.Received;
        Assert.Equal("think line\nbreak lone\rcr", RelayEvents.Text(events, "reasoning"));
        Assert.Equal("ans 🙂 end", RelayEvents.Text(events, "answer"));
        var calls = events.Where(e => e.EventType == "tool_call").Select(RelayEvents.Data).ToList();
        Assert.Equal(("call_1", "get_weather"), (calls[0].GetProperty("id").GetString(), calls[0].GetProperty("name").GetString()));
        Assert.Equal("{\"city\":\"Paris\"}", string.Concat(calls.Select(c => c.GetProperty("arguments").GetString())));
        Assert.Equal(["usage", "finish"], events.TakeLast(2).Select(e => e.EventType));
        Assert.Equal("tool_calls", RelayEvents.Data(events[^1]).GetProperty("finish_reason").GetString());

        // One usage event: the library's merged report, with its normalised counts — whatever the provider's own fields.
        var usage = RelayEvents.Data(Assert.Single(events, e => e.EventType == "usage"));
        Assert.Equal(10, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(20, usage.GetProperty("output_tokens").GetInt32());
        Assert.Equal(30, usage.GetProperty("total_tokens").GetInt32());
        Assert.True(usage.TryGetProperty("cached_input_tokens", out _));
        // The live page and a page opened later from the archive show the same numbers.
        using var archived = JsonDocument.Parse(await host.Http.GetStringAsync($"/relay/{id}"));
        var kept = archived.RootElement.GetProperty("usage");
        foreach (var field in new[] { "prompt_tokens", "output_tokens", "reasoning_tokens", "cached_input_tokens", "total_tokens" })
            Assert.Equal(usage.GetProperty(field).ToString(), kept.GetProperty(field).ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}
