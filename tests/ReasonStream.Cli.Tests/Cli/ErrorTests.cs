using System.Net;
using System.Net.Sockets;
using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary>Every failure: one clear line, a hint, its documented exit code; never a stack trace, never the key.</summary>
public sealed class ErrorTests
{
    [Theory]
    [InlineData("401", 3, "REASON_TEST_KEY")]
    [InlineData("402", 5, "insufficient balance")]
    [InlineData("retired model", 4, "use -m deepseek-flash")]
    [InlineData("unknown model", 4, "check the model name")]
    [InlineData("429", 5, "wait 7 s")]
    [InlineData("500", 7, "The server failed")]
    [InlineData("stall", 6, "raise --timeout")]
    [InlineData("dropped connection", 6, "dropped mid-stream")]
    [InlineData("mid-stream error", 7, "Upstream overloaded")]
    [InlineData("truncated", 0, "raise --max-tokens")]
    [InlineData("reasoning used the budget", 0, "the reasoning used the whole token budget")]
    public async Task Failure_gives_a_clear_message_and_exit_code(string scenario, int exitCode, string expected)
    {
        using var sandbox = new Sandbox().WithKey();
        string model = scenario == "retired model" ? "deepseek-reasoner" : "deepseek-flash";
        await using var server = await ReplayServer.StartAsync(Response(scenario));

        string timeout = scenario == "stall" ? "2" : "30";
        var result = await sandbox.RunAsync(LiveServer.Args(server, "-m", model, "--timeout", timeout, "Q"));

        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.Contains(expected, result.Stderr, StringComparison.OrdinalIgnoreCase);
        AssertClean(result);
        if (exitCode != 0) Assert.Contains("error:", result.Stderr);
        if (scenario is "stall" or "mid-stream error" or "dropped connection")
        {
            Assert.StartsWith(Streams.Reasoning[..7], result.Stderr, StringComparison.Ordinal); // the partial reasoning was shown
        }
    }

    [Fact]
    public async Task Replay_of_a_cut_capture_does_not_claim_a_log_it_never_wrote()
    {
        using var sandbox = new Sandbox();

        var result = await sandbox.RunAsync("replay", Repo.Capture("dashscope-deepseek-r1-head-PARTIAL-01.sse"), "--fast");

        Assert.True(result.ExitCode == 6, result.ToString());
        Assert.Contains("dropped mid-stream", result.Stderr);
        Assert.DoesNotContain("log", result.Stderr);
    }

    [Theory]
    [InlineData("stall", false)]
    [InlineData("stall", true)]
    [InlineData("dropped connection", false)]
    [InlineData("dropped connection", true)]
    [InlineData("mid-stream error", false)]
    [InlineData("mid-stream error", true)]
    public async Task Partial_output_is_said_to_be_in_the_log_only_when_it_is(string scenario, bool logged)
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Response(scenario));

        // Only a stall waits for the timeout; the other failures come from the server at once, so theirs is long enough
        // for a loaded machine to get the first events through (a 1 s one once ran out first, leaving no partial output).
        string timeout = scenario == "stall" ? "2" : "60";
        var result = await sandbox.RunAsync(LiveServer.Args(server, [.. logged ? Array.Empty<string>() : ["--no-log"], "--timeout", timeout, "Q"]));

        Assert.NotEqual(0, result.ExitCode);
        string hint = result.Stderr[result.Stderr.LastIndexOf("hint:", StringComparison.Ordinal)..];
        if (logged) Assert.Contains("kept in the log (`reason logs show 1`)", hint);
        else Assert.DoesNotContain("log", hint);
    }

    [Fact]
    public async Task A_stalled_stream_reports_the_time_until_the_failure_not_until_the_last_event()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Response("stall"));

        var result = await sandbox.RunAsync(LiveServer.Args(server, "--json", "--timeout", "1.5", "Q"));

        Assert.True(result.ExitCode == 6, result.ToString());
        var summary = System.Text.Json.Nodes.JsonNode.Parse(result.Stdout.TrimEnd().Split('\n')[^1])!;
        Assert.Equal("stalled", (string?)summary["error"]!["kind"]);
        double total = (double)summary["timings"]!["total_ms"]!;
        Assert.True(total >= 1500, $"total_ms {total}: the stall itself must be counted");
        Assert.True(total < 10_000, $"total_ms {total}");

        var logs = await sandbox.RunAsync("logs", "--json");
        double logged = (double)System.Text.Json.Nodes.JsonNode.Parse(logs.Stdout)!.AsArray()[0]!["timings"]!["total_ms"]!;
        Assert.True(logged >= 1500, $"logged total_ms {logged}");
    }

    [Fact]
    public async Task Unreachable_server_is_a_network_error()
    {
        using var sandbox = new Sandbox().WithKey();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await sandbox.RunAsync("--provider", "deepseek", "--base-url", $"http://127.0.0.1:{port}/v1", "--api-key-env", Sandbox.KeyVariable, "--retries", "0", "Q");

        Assert.True(result.ExitCode == 6, result.ToString());
        Assert.Contains("check the network and the base URL", result.Stderr);
        AssertClean(result);
    }

    [Fact]
    public async Task Missing_key_names_the_variable_to_set()
    {
        using var sandbox = new Sandbox();

        var result = await sandbox.RunAsync("Why?");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("set DEEPSEEK_API_KEY or pass --api-key-env", result.Stderr);
        AssertClean(result);
    }

    [Fact]
    public async Task Bad_input_is_a_usage_error()
    {
        using var sandbox = new Sandbox();

        var result = await sandbox.RunAsync("--max-tokens", "lots", "Q");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("--max-tokens expects a whole number", result.Stderr);
        AssertClean(result);
    }

    private static void AssertClean(CliResult result)
    {
        Assert.DoesNotContain(Sandbox.Key, result.Stdout + result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("Exception", result.Stderr);
        Assert.DoesNotContain('\u001b', result.Stdout + result.Stderr);
    }

    private static ReplayResponse Response(string scenario) => scenario switch
    {
        "401" => ReplayResponse.Error(401, """{"error":{"message":"Authentication Fails, Your api key: ****CRET is invalid","type":"authentication_error"}}"""),
        "402" => ReplayResponse.Error(402, """{"error":{"message":"Insufficient Balance","type":"unknown_error"}}"""),
        "retired model" or "unknown model" => ReplayResponse.Error(400, """{"error":{"message":"Model Not Exist","type":"invalid_request_error"}}"""),
        "429" => ReplayResponse.Error(429, """{"error":{"message":"Rate limit reached","type":"rate_limit_error"}}""").WithHeader("Retry-After", "7"),
        "500" => ReplayResponse.Error(500, """{"error":{"message":"Internal error","type":"server_error"}}"""),
        "stall" => Streams.Known() with { StallAfterBytes = FirstEvents(4) },
        "dropped connection" => Streams.Known() with { AbortAfterBytes = FirstEvents(4) },
        "mid-stream error" => Streams.Known().InjectAfterEvents(4, "data: {\"error\":{\"message\":\"Upstream overloaded\",\"code\":502}}\n\n", dropRest: true),
        "truncated" => Streams.Known(finish: "length"),
        "reasoning used the budget" => Streams.Known(finish: "length", answer: ""),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };

    /// <summary>The byte count of the first <paramref name="count"/> events of the known stream.</summary>
    private static int FirstEvents(int count)
    {
        var body = Streams.Known().Body.Span;
        int events = 0;
        for (int i = 1; i < body.Length; i++)
        {
            if (body[i] == '\n' && body[i - 1] == '\n' && ++events == count) return i + 1;
        }

        return body.Length;
    }
}
