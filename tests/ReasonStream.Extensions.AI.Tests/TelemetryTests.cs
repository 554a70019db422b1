using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.AI;
using ReasonStream.Extensions.AI.Tests.Support;

namespace ReasonStream.Extensions.AI.Tests;

/// <summary>
/// Telemetry in two layers, each call counted once by each: Microsoft.Extensions.AI's <c>UseOpenTelemetry()</c> writes
/// the GenAI conventions from what the adapter reports (reasoning tokens included), the client underneath its own
/// transport facts as a child span.
/// </summary>
public sealed class TelemetryTests
{
    private const string AppSource = "ReasonStream.Tests.App";

    private static string UniqueModel() => "telemetry-" + Guid.NewGuid().ToString("N")[..8];

    private static IChatClient Instrumented(ReasoningClient client) =>
        client.AsIChatClient().AsBuilder().UseOpenTelemetry(sourceName: AppSource).Build();

    [Fact]
    public async Task The_documented_setup_makes_one_chat_span_with_reasoning_tokens_and_the_clients_stream_span_inside_it()
    {
        string model = UniqueModel();
        using var capture = new TelemetryCapture(model, AppSource);
        var handler = new ScriptedHandler(new Sse("resp-7", "deepseek-v4-pro").Reasoning("hm").Answer("ok").Finish("stop", prompt: 100, completion: 50, reasoning: 40, cached: 64));
        using var client = handler.Client();

        await Instrumented(client).GetResponseAsync("q", new ChatOptions { ModelId = model, MaxOutputTokens = 300 });

        var chat = Assert.Single(capture.From(AppSource));
        Assert.Equal($"chat {model}", chat.DisplayName);
        Assert.Equal("deepseek", chat.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("deepseek-v4-pro", chat.GetTagItem("gen_ai.response.model"));
        Assert.Equal("resp-7", chat.GetTagItem("gen_ai.response.id"));
        Assert.Equal(100, chat.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(50, chat.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(40, chat.GetTagItem("gen_ai.usage.reasoning.output_tokens"));
        Assert.Equal(64, chat.GetTagItem("gen_ai.usage.cache_read.input_tokens"));

        var stream = Assert.Single(capture.From(ReasonStreamTelemetry.SourceName));
        Assert.Equal(chat.SpanId, stream.ParentSpanId);
        Assert.Equal("stop", stream.GetTagItem("reasonstream.outcome"));
        Assert.Equal(1, stream.GetTagItem("reasonstream.attempts"));
    }

    [Fact]
    public async Task Token_usage_is_counted_once_per_type()
    {
        string model = UniqueModel();
        using var capture = new TelemetryCapture(model, AppSource);
        using var client = new ScriptedHandler(new Sse().Reasoning("hm").Answer("ok").Finish("stop", prompt: 100, completion: 50, reasoning: 40)).Client();

        await Instrumented(client).GetResponseAsync("q", new ChatOptions { ModelId = model });

        var tokens = capture.Of("gen_ai.client.token.usage").ToDictionary(m => (string)m.Tags["gen_ai.token.type"]!, m => m.Value);
        Assert.Equal(new Dictionary<string, double> { ["input"] = 100, ["output"] = 50 }, tokens);
        Assert.Single(capture.Of("gen_ai.client.operation.duration"));
    }

    [Fact]
    public async Task A_failure_is_one_error_on_each_layer()
    {
        string model = UniqueModel();
        using var capture = new TelemetryCapture(model, AppSource);
        var handler = new ScriptedHandler().ThenError(HttpStatusCode.Unauthorized, """{"error":{"message":"Authentication Fails"}}""");
        using var client = handler.Client();

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => Instrumented(client).GetResponseAsync("q", new ChatOptions { ModelId = model }));

        var chat = Assert.Single(capture.From(AppSource));
        Assert.Equal(ActivityStatusCode.Error, chat.Status);
        Assert.Equal(typeof(AuthenticationFailedException).FullName, chat.GetTagItem("error.type"));
        var stream = Assert.Single(capture.From(ReasonStreamTelemetry.SourceName));
        Assert.Equal(ActivityStatusCode.Error, stream.Status);
        Assert.Equal("authentication", stream.GetTagItem("reasonstream.outcome"));
        Assert.Equal(401, stream.GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task Without_UseOpenTelemetry_the_adapter_adds_no_span_of_its_own()
    {
        string model = UniqueModel();
        using var capture = new TelemetryCapture(model, AppSource);
        using var client = new ScriptedHandler(new Sse().Reasoning("r").Answer("a").Finish("stop")).Client();

        await client.AsIChatClient().GetResponseAsync("q", new ChatOptions { ModelId = model });

        Assert.Equal([ReasonStreamTelemetry.StreamActivity], capture.Activities.Select(a => a.OperationName));
    }

    [Fact]
    public async Task A_value_the_adapter_cannot_write_is_left_out_and_logged()
    {
        var log = new ListLogger();
        var handler = new ScriptedHandler(new Sse().Answer("a").Finish("stop"));
        using var client = handler.Client();
        var chat = new ReasoningChatClient(client, loggerFactory: log);

        await chat.GetResponseAsync("q", new ChatOptions { AdditionalProperties = new() { ["app_setting"] = new Unwritable() } });

        Assert.Null(handler.Requests[0]["app_setting"]);
        var warning = Assert.Single(log.Events);
        Assert.Contains("app_setting", warning.Message, StringComparison.Ordinal);
    }

    /// <summary>A type no JSON options can write (a property of a type that cannot be serialized).</summary>
    private sealed class Unwritable
    {
        public IntPtr Handle { get; } = 1;
    }
}
