using ReasonStream.Extensions.AI.Tests.Support;
using ReasonStream.Testing;
using Samples.SeedConsole;
using Samples.ToolAgent;

namespace ReasonStream.Extensions.AI.Tests;

/// <summary>
/// The console samples, run through their entry points against the replay server over loopback. The web sample
/// (samples/WebRelay, on ReasonStream.AspNetCore) is tested in tests/ReasonStream.AspNetCore.Tests, in a real browser.
/// </summary>
public sealed class SampleTests
{
    [Fact]
    public async Task SeedConsole_prints_reasoning_and_answer_apart_sync_then_async()
    {
        await using var server = await ReplayServer.StartAsync(Fixtures.DeepSeekThanks(), Fixtures.DeepSeekThanks());
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
        await using var server = await ReplayServer.StartAsync(Fixtures.DeepSeekWeatherToolCall(), Fixtures.DeepSeekWeatherAnswer());
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
}
