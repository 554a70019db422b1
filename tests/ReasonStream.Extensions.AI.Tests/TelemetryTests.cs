using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using ReasonStream.Extensions.AI.Tests.Support;

namespace ReasonStream.Extensions.AI.Tests;

public sealed class TelemetryTests
{
    private static string UniqueModel() => "telemetry-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_successful_stream_makes_one_chat_span_with_the_conventions_attributes()
    {
        string model = UniqueModel();
        using var capture = new TelemetryCapture(model);
        var handler = new ScriptedHandler(new Sse("resp-7", "deepseek-v4-pro").Reasoning("hm").Answer("ok").Finish("stop", prompt: 100, completion: 50, reasoning: 40, cached: 64));
        using var client = handler.Client();

        await client.AsIChatClient().GetResponseAsync("q", new ChatOptions { ModelId = model, MaxOutputTokens = 300, Temperature = 0.2f });

        var span = Assert.Single(capture.Activities);
        Assert.Equal($"chat {model}", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("deepseek", span.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("deepseek-v4-pro", span.GetTagItem("gen_ai.response.model"));
        Assert.Equal("resp-7", span.GetTagItem("gen_ai.response.id"));
        Assert.Equal(["stop"], (string[])span.GetTagItem("gen_ai.response.finish_reasons")!);
        Assert.Equal(100, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(50, span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(40, span.GetTagItem("gen_ai.usage.reasoning.output_tokens"));
        Assert.Equal(64, span.GetTagItem("gen_ai.usage.cache_read.input_tokens"));
        Assert.Equal(300, span.GetTagItem("gen_ai.request.max_tokens"));
        Assert.Equal("in-memory", span.GetTagItem("server.address"));
        Assert.Equal(80, span.GetTagItem("server.port"));
        Assert.NotNull(span.GetTagItem("gen_ai.response.time_to_first_chunk"));
        Assert.Null(span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task Metrics_record_duration_tokens_by_type_and_time_to_first_chunk()
    {
        string model = UniqueModel();
        using var capture = new TelemetryCapture(model);
        var handler = new ScriptedHandler(new Sse().Reasoning("hm").Answer("ok").Finish("stop", prompt: 100, completion: 50, reasoning: 40));
        using var client = handler.Client();

        await client.AsIChatClient().GetResponseAsync("q", new ChatOptions { ModelId = model });

        var duration = Assert.Single(capture.Of("gen_ai.client.operation.duration"));
        Assert.Equal("s", duration.Unit);
        Assert.True(duration.Value > 0);
        Assert.Equal("deepseek", duration.Tags["gen_ai.provider.name"]);
        Assert.Equal("deepseek-flash", duration.Tags["gen_ai.response.model"]);
        Assert.False(duration.Tags.ContainsKey("error.type"));

        var tokens = capture.Of("gen_ai.client.token.usage").ToDictionary(m => (string)m.Tags["gen_ai.token.type"]!, m => m.Value);
        // Only the conventions' token types, so summing the metric over types counts each token once.
        Assert.Equal(new Dictionary<string, double> { ["input"] = 100, ["output"] = 50 }, tokens);
        Assert.Equal(40, Assert.Single(capture.Of("reasonstream.client.token.reasoning")).Value);

        var firstChunk = Assert.Single(capture.Of("gen_ai.client.operation.time_to_first_chunk"));
        Assert.InRange(firstChunk.Value, 0, duration.Value);
        Assert.Empty(capture.Of("reasonstream.client.operation.errors"));
    }

    [Fact]
    public async Task A_failure_is_tagged_with_error_type_on_span_and_metrics()
    {
        string model = UniqueModel();
        using var capture = new TelemetryCapture(model);
        var handler = new ScriptedHandler().ThenError(HttpStatusCode.TooManyRequests, """{"error":{"message":"Rate limit reached"}}""");
        using var client = handler.Client();

        await Assert.ThrowsAsync<RateLimitedException>(() => client.AsIChatClient().GetResponseAsync("q", new ChatOptions { ModelId = model }));

        var span = Assert.Single(capture.Activities);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(RateLimitedException).FullName, span.GetTagItem("error.type"));
        Assert.Equal(429, span.GetTagItem("http.response.status_code"));
        Assert.Equal("RateLimited", span.GetTagItem("reasonstream.error.kind"));
        Assert.Equal(typeof(RateLimitedException).FullName, Assert.Single(capture.Of("gen_ai.client.operation.duration")).Tags["error.type"]);
        Assert.Equal(1, Assert.Single(capture.Of("reasonstream.client.operation.errors")).Value);
    }

    [Fact]
    public async Task Plain_library_users_get_the_same_telemetry_through_StreamWithTelemetryAsync()
    {
        string model = UniqueModel();
        using var capture = new TelemetryCapture(model);
        var handler = new ScriptedHandler(new Sse().Reasoning("r").Answer("a").Finish("stop"));
        using var client = handler.Client();

        var updates = new List<StreamUpdate>();
        await foreach (var update in client.StreamWithTelemetryAsync(new ChatRequest(model, [Message.User("q")]))) updates.Add(update);

        Assert.IsType<StreamFinished>(updates[^1]);
        Assert.Contains(updates, u => u is ReasoningDelta { Text: "r" });
        Assert.Equal($"chat {model}", Assert.Single(capture.Activities).DisplayName);
        Assert.Single(capture.Of("gen_ai.client.operation.duration"));
    }

    [Fact]
    public async Task A_reader_that_stops_early_still_ends_the_span()
    {
        string model = UniqueModel();
        using var capture = new TelemetryCapture(model);
        var handler = new ScriptedHandler(new Sse().Reasoning("r", "s").Answer("a").Finish("stop"));
        using var client = handler.Client();

        await foreach (var update in client.StreamWithTelemetryAsync(new ChatRequest(model, [Message.User("q")])))
        {
            if (update is ReasoningDelta) break;
        }

        var span = Assert.Single(capture.Activities);
        Assert.Null(span.GetTagItem("gen_ai.response.finish_reasons"));
        Assert.Single(capture.Of("gen_ai.client.operation.duration"));
    }

    [Fact]
    public async Task Log_events_cover_start_first_chunk_and_finish_without_prompt_or_key()
    {
        var log = new ListLogger();
        var handler = new ScriptedHandler(new Sse("resp-3").Reasoning("private thought").Answer("private answer").Finish("stop", prompt: 11, completion: 7, reasoning: 5));
        using var client = handler.Client();
        var chat = new ReasoningChatClient(client, loggerFactory: log);

        await chat.GetResponseAsync("my secret prompt");

        Assert.Equal([1, 2, 3], log.Events.Select(e => e.EventId));
        Assert.Contains("First reasoning chunk", log.AllText);
        Assert.Contains("11 input, 7 output, 5 reasoning", log.AllText);
        Assert.Contains("resp-3", log.AllText);
        Assert.DoesNotContain("my secret prompt", log.AllText);
        Assert.DoesNotContain("private", log.AllText);
        Assert.DoesNotContain("sk-test-secret-key", log.AllText);
    }

    [Fact]
    public async Task Message_text_is_logged_only_when_sensitive_data_is_enabled()
    {
        var log = new ListLogger();
        var handler = new ScriptedHandler(new Sse().Reasoning("private thought").Answer("private answer").Finish("stop"));
        using var client = handler.Client();
        var options = new ReasoningChatClientOptions { Telemetry = new ReasoningTelemetryOptions { EnableSensitiveData = true, Logger = log } };

        await client.AsIChatClient(options).GetResponseAsync("my secret prompt");

        Assert.Contains("my secret prompt", log.AllText);
        Assert.Contains("private thought", log.AllText);
        Assert.Contains("private answer", log.AllText);
        Assert.All(log.Events.Where(e => e.EventId is 6 or 7), e => Assert.Equal(LogLevel.Trace, e.Level));
        Assert.DoesNotContain("sk-test-secret-key", log.AllText);
    }

    [Fact]
    public async Task Failures_are_logged_as_warnings_with_the_error_type()
    {
        var log = new ListLogger();
        var handler = new ScriptedHandler().ThenError(HttpStatusCode.Unauthorized, """{"error":{"message":"Authentication Fails"}}""");
        using var client = handler.Client();

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => new ReasoningChatClient(client, loggerFactory: log).GetResponseAsync("q"));

        var failure = Assert.Single(log.Events, e => e.EventId == 4);
        Assert.Equal(LogLevel.Warning, failure.Level);
        Assert.Contains(nameof(AuthenticationFailedException), failure.Message);
        Assert.DoesNotContain("sk-test-secret-key", log.AllText);
    }
}
