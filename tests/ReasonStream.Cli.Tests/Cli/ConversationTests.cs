using System.Text.Json.Nodes;
using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

public sealed class ConversationTests
{
    [Fact]
    public async Task Continue_sends_the_history_without_reasoning_and_the_log_holds_what_was_shown_but_never_the_key()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Streams.Known(), Streams.Known(answer: "Second answer."));

        var first = await sandbox.RunAsync(LiveServer.Args(server, "-s", "Be brief.", "What is 17*23?"));
        var second = await sandbox.RunAsync(LiveServer.Args(server, "-c", "And 17*24?"));

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal("Second answer.\n", second.Stdout);

        var messages = server.Requests[1].BodyAsJson()!["messages"]!.AsArray();
        Assert.Equal(["system", "user", "assistant", "user"], messages.Select(m => (string?)m!["role"]));
        Assert.Equal("Be brief.", (string?)messages[0]!["content"]);
        Assert.Equal(Streams.Answer, (string?)messages[2]!["content"]);
        Assert.Null(messages[2]!["reasoning_content"]); // DeepSeek: reasoning of a turn without tool calls is not sent back
        Assert.Equal("And 17*24?", (string?)messages[3]!["content"]);

        var logs = await sandbox.RunAsync("logs", "--json");
        var rows = JsonNode.Parse(logs.Stdout)!.AsArray();
        Assert.Equal(2, rows.Count);
        var newest = rows[0]!;
        var oldest = rows[1]!;
        Assert.Equal((string?)oldest["conversation_id"], (string?)newest["conversation_id"]);
        Assert.Equal(2, (int?)newest["turn"]);
        Assert.Equal("What is 17*23?", (string?)oldest["prompt"]);
        Assert.Equal("Be brief.", (string?)oldest["system_prompt"]);
        Assert.Equal(Streams.Reasoning, (string?)oldest["reasoning"]);
        Assert.Equal(Streams.Answer, (string?)oldest["answer"]);
        Assert.Equal("stop", (string?)oldest["finish_reason"]);
        Assert.Equal(25, (int?)oldest["usage"]!["reasoning_tokens"]);
        Assert.Equal("deepseek", (string?)oldest["provider"]);
        Assert.Equal(server.BaseUri.ToString(), (string?)oldest["base_url"]);
        Assert.NotNull(oldest["timings"]!["total_ms"]);

        Assert.DoesNotContain(Sandbox.Key, sandbox.AllDataBytes());
        Assert.DoesNotContain(Sandbox.Key, logs.Stdout);

        long id = (long)oldest["id"]!;
        var show = await sandbox.RunAsync("logs", "show", id.ToString());
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains(Streams.Answer, show.Stdout);
        Assert.Contains("Let me think", show.Stdout);
        Assert.Contains("reasoning 25", show.Stdout);

        var list = await sandbox.RunAsync("logs");
        Assert.Contains((string?)oldest["conversation_id"] + " #2", list.Stdout);
        Assert.Contains("What is 17*23?", list.Stdout);
    }

    [Fact]
    public async Task Continue_after_a_turn_that_called_tools_sends_a_valid_history_without_the_unanswered_calls()
    {
        using var sandbox = new Sandbox().WithKey();
        var toolTurn = Streams.Reply()
            .Reasoning("I should look it up.")
            .Answer("Let me check.")
            .ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")
            .ToResponse();
        await using var server = await ReplayServer.StartAsync(toolTurn, Streams.Known(answer: "Second answer."));

        var first = await sandbox.RunAsync(LiveServer.Args(server, "Weather in Paris?"));
        var second = await sandbox.RunAsync(LiveServer.Args(server, "-c", "Never mind."));

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        var messages = server.Requests[1].BodyAsJson()!["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "user"], messages.Select(m => (string?)m!["role"]));
        var assistant = messages[1]!.AsObject();
        Assert.Equal("Let me check.", (string?)assistant["content"]);
        Assert.False(assistant.ContainsKey("tool_calls"), assistant.ToJsonString()); // no tool message answers them: a 400 everywhere
        Assert.False(assistant.ContainsKey("reasoning_content"), assistant.ToJsonString()); // no completed tool calls: DeepSeek gets no reasoning
        Assert.Equal("Never mind.", (string?)messages[2]!["content"]);

        var logs = await sandbox.RunAsync("logs", "--json");
        var oldest = JsonNode.Parse(logs.Stdout)!.AsArray()[1]!;
        Assert.Equal("get_weather", (string?)oldest["tool_calls"]![0]!["name"]); // the log keeps them
    }

    [Fact]
    public async Task Logs_show_of_an_unknown_id_is_a_usage_error()
    {
        using var sandbox = new Sandbox();

        var result = await sandbox.RunAsync("logs", "show", "999");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("No exchange 999", result.Stderr);
    }
}
