using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using ReasonStream.Extensions.AI.Tests.Support;
using ReasonStream.Testing;
using Samples.SeedConsole;
using Samples.ToolAgent;
using Samples.WebRelay;

namespace ReasonStream.Extensions.AI.Tests;

/// <summary>The samples, run through their entry points against the replay server over loopback.</summary>
public sealed class SampleTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SeedConsole_prints_reasoning_and_answer_apart_sync_then_async()
    {
        await using var server = await ReplayServer.StartAsync(Fixtures.Sse("deepseek-thanks-3-answer.sse"), Fixtures.Sse("deepseek-thanks-3-answer.sse"));
        var reasoning = new StringWriter();
        var answer = new StringWriter();

        int exit = await SeedConsoleApp.RunAsync(["--base-url", server.BaseUri.ToString(), "--key", "sk-sample", "Thank you!"], reasoning, answer);

        Assert.Equal(0, exit);
        Assert.Equal("== synchronous ==\nYou're welcome!\n== asynchronous ==\nYou're welcome!\n", answer.ToString().ReplaceLineEndings("\n"));
        Assert.Equal(2, reasoning.ToString().Split("A thank-you; reply politely.").Length - 1);
        Assert.Contains("[usage: 200 prompt, 12 completion, 8 reasoning]", reasoning.ToString());
        Assert.All(server.Requests, r => Assert.Equal("Thank you!", (string?)r.BodyAsJson()!["messages"]![0]!["content"]));
        Assert.All(server.Requests, r => Assert.Equal("Bearer sk-sample", r.Header("Authorization")));
    }

    [Fact]
    public async Task SeedConsole_reports_a_typed_error_with_exit_code_1()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.Error(402, """{"error":{"message":"Insufficient Balance"}}"""));
        var reasoning = new StringWriter();

        int exit = await SeedConsoleApp.RunAsync(["--base-url", server.BaseUri.ToString(), "q"], reasoning, new StringWriter());

        Assert.Equal(1, exit);
        Assert.Contains("error (InsufficientBalance)", reasoning.ToString());
    }

    [Fact]
    public async Task ToolAgent_calls_the_tool_and_sends_the_reasoning_back()
    {
        await using var server = await ReplayServer.StartAsync(Fixtures.Sse("deepseek-weather-1-tool-call.sse"), Fixtures.Sse("deepseek-weather-2-answer.sse"));
        var output = new StringWriter();

        int exit = await ToolAgentApp.RunAsync(["--base-url", server.BaseUri.ToString(), "What's the weather in Paris?"], output);

        Assert.Equal(0, exit);
        string text = output.ToString();
        Assert.Contains("[thinking] The user asks", text);
        Assert.Contains("[tool call] get_weather(city=Paris)", text);
        Assert.Contains("[tool result] sunny, 21 °C in Paris", text);
        Assert.Contains("It is sunny in Paris, 21 °C.", text);
        Assert.Contains("[4 messages in the history]", text);
        var assistant = server.Requests[1].BodyAsJson()!["messages"]![1]!;
        Assert.Equal("The user asks for the weather in Paris. I will call get_weather.", (string?)assistant["reasoning_content"]);
    }

    private static async Task<WebApplication> StartRelayAsync(ReplayServer upstream)
    {
        var app = WebRelayApp.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ReasonStream:BaseUrl"] = upstream.BaseUri.ToString(),
                ["ReasonStream:ApiKey"] = "sk-relay",
                ["ReasonStream:MaxRetries"] = "0",
            });
        });
        await app.StartAsync();
        return app;
    }

    private static HttpClient Browser(WebApplication app) =>
        new(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = new Uri(app.Urls.First()) };

    [Fact]
    public async Task WebRelay_relays_reasoning_and_answer_as_server_sent_events()
    {
        await using var upstream = await ReplayServer.StartAsync(Fixtures.Sse("deepseek-weather-2-answer.sse"));
        await using var app = await StartRelayAsync(upstream);
        using var browser = Browser(app);

        using var response = await browser.GetAsync("/ask?q=weather", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync()).EnumerateAsync()) events.Add(item);

        Assert.Equal("The tool says sunny, 21 degrees. Report it.", string.Concat(events.Where(e => e.EventType == "reasoning").Select(e => e.Data)));
        Assert.Equal("It is sunny in Paris, 21 °C.", string.Concat(events.Where(e => e.EventType == "answer").Select(e => e.Data)));
        Assert.Equal(("done", "stop"), (events[^1].EventType, events[^1].Data));
        Assert.True(events.FindLastIndex(e => e.EventType == "reasoning") < events.FindIndex(e => e.EventType == "answer"));
        Assert.Equal("weather", (string?)upstream.Requests[0].BodyAsJson()!["messages"]![0]!["content"]);
    }

    [Fact]
    public async Task WebRelay_serves_the_page_with_a_collapsible_thinking_panel()
    {
        await using var upstream = await ReplayServer.StartAsync();
        await using var app = await StartRelayAsync(upstream);
        using var browser = Browser(app);

        string html = await browser.GetStringAsync("/");

        Assert.Contains("<details id=\"thinking\" open>", html);
        Assert.Contains("new EventSource(\"/ask?q=\"", html);
    }

    [Fact]
    public async Task WebRelay_cancels_the_upstream_request_when_the_browser_disconnects()
    {
        // The upstream sends its first two events and then holds the connection open, silent.
        var body = File.ReadAllBytes(Fixtures.PathOf("deepseek-weather-2-answer.sse"));
        int afterTwoEvents = IndexAfterEvents(body, 2);
        await using var upstream = await ReplayServer.StartAsync(Fixtures.Sse("deepseek-weather-2-answer.sse") with { StallAfterBytes = afterTwoEvents });
        await using var app = await StartRelayAsync(upstream);
        var browser = Browser(app);

        var response = await browser.GetAsync("/ask?q=weather", HttpCompletionOption.ResponseHeadersRead);
        var events = SseParser.Create(await response.Content.ReadAsStreamAsync()).EnumerateAsync().GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(HangGuard));
        Assert.Equal("reasoning", events.Current.EventType);

        var recorded = await upstream.WaitForRequestAsync(0);
        Assert.False(recorded.Outcome.IsCompleted);

        // The browser goes away.
        await events.DisposeAsync();
        response.Dispose();
        browser.Dispose();

        Assert.Equal(ResponseOutcome.ClientDisconnected, await recorded.Outcome.WaitAsync(HangGuard));
    }

    private static int IndexAfterEvents(byte[] body, int count)
    {
        int index = 0;
        for (int i = 0; i < count; i++) index = body.AsSpan(index).IndexOf("\n\n"u8) + index + 2;
        return index;
    }
}
