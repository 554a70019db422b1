using System.Text.RegularExpressions;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Docs;

[CollectionDefinition("Console", DisableParallelization = true)]
public sealed class ConsoleCollection;

/// <summary>The README shows code that compiles (ReadmeExamples.cs) and works.</summary>
[Collection("Console")]
public sealed partial class ReadmeExampleTests
{
    [Fact]
    public void Every_example_region_appears_in_the_readme_verbatim()
    {
        string readme = Normalize(File.ReadAllText(Path.Combine(Captures.RepoRoot, "README.md")));
        string source = File.ReadAllText(Path.Combine(Captures.RepoRoot, "tests", "ReasonStream.Tests", "Docs", "ReadmeExamples.cs"));
        var regions = Region().Matches(source);
        Assert.Equal(6, regions.Count);
        foreach (Match region in regions)
        {
            string code = Normalize(Dedent(region.Groups["code"].Value));
            Assert.True(readme.Contains(code, StringComparison.Ordinal), $"README.md lacks the '{region.Groups["name"].Value}' example:\n{code}");
        }
    }

    [Fact]
    public async Task The_streaming_example_prints_thinking_to_stderr_and_the_answer_to_stdout()
    {
        string body = Sse.Body(Sse.DeepSeek().Reasoning("Wiles used elliptic curves.").Answer("It holds.").Usage(prompt: 3, completion: 9, reasoning: 5));
        using var client = InMemoryHandler.Client(body);
        var (stdout, stderr) = await Capture(() => ReadmeExamples.StreamAsync(client));
        Assert.Equal("It holds.", stdout);
        Assert.Contains("Wiles used elliptic curves.", stderr, StringComparison.Ordinal);
        Assert.Contains("[5 reasoning tokens]", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_simplest_example_streams_a_question_to_the_default_model()
    {
        var handler = new InMemoryHandler(Sse.DeepSeek().Reasoning("Hm.").Answer("Wiles.").ToBytes());
        using var client = new ReasoningClient(ReasoningClientOptions.ForEndpoint("http://in-memory/", preset: Providers.DeepSeek), new HttpClient(handler));
        var (stdout, stderr) = await Capture(() => ReadmeExamples.SimplestAsync(client));
        Assert.Equal("Wiles.", stdout);
        Assert.Equal("Hm.", stderr);
        Assert.Contains("\"model\":\"deepseek-flash\"", handler.RequestBodies[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_error_example_shows_the_partial_answer()
    {
        using var client = InMemoryHandler.Client(Sse.Unfinished(Sse.DeepSeek().Answer("Half an ans")));
        var (stdout, stderr) = await Capture(() => ReadmeExamples.CompleteAsync(client, Updates.Ask()));
        Assert.Equal("Half an ans", stdout);
        Assert.Contains("without a finish reason", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_client_examples_speak_each_presets_protocol()
    {
        var clients = ReadmeExamples.Clients();
        try
        {
            Assert.Equal(
                [WireProtocol.Responses, WireProtocol.AnthropicMessages, WireProtocol.GeminiGenerateContent, WireProtocol.ChatCompletions, WireProtocol.Responses, WireProtocol.OllamaChat],
                clients.Select(c => c.Options.EffectiveProtocol));
            Assert.Equal("http://localhost:11434/api/chat", clients[^1].Options.EndpointFor("qwen3").AbsoluteUri);
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    public static TheoryData<WireProtocol> AllProtocols() => [.. WireProtocols.All];

    [Theory]
    [MemberData(nameof(AllProtocols))]
    public async Task The_tool_loop_example_works_over_every_protocol(WireProtocol protocol)
    {
        var call = new ReasonStream.Testing.ScriptedReply(protocol).Reasoning("Look it up.").ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}").Usage(5, 5);
        var answer = new ReasonStream.Testing.ScriptedReply(protocol).Reasoning("Clear.").Answer("Clear and 21 °C.").Usage(9, 5);
        await using var server = await ReasonStream.Testing.ReplayServer.StartAsync(call.ToResponse(), answer.ToResponse());
        using var client = new ReasoningClient(new ReasoningClientOptions { BaseUri = server.BaseUri, Protocol = protocol, Retry = RetryPolicy.None });
        var result = await ReadmeExamples.ToolLoopAsync(client, "model-x");
        Assert.Equal("Clear and 21 °C.", result.Answer);
        Assert.Equal(2, server.Requests.Count);
    }

    private static async Task<(string Out, string Error)> Capture(Func<Task> action)
    {
        var (oldOut, oldError) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            await action();
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }

        return (output.ToString(), error.ToString());
    }

    private static string Dedent(string code)
    {
        var lines = code.Replace("\r", "", StringComparison.Ordinal).Split('\n').Where(l => l.Trim().Length > 0).ToArray();
        int indent = lines.Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', lines.Select(l => l[indent..]));
    }

    private static string Normalize(string text) => string.Join('\n', text.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0));

    [GeneratedRegex(@"// README:(?<name>\w+)\n(?<code>.*?)\n\s*// README:end", RegexOptions.Singleline)]
    private static partial Regex Region();
}
