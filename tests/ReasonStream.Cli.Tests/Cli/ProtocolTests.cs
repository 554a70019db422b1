using System.Text.Json;
using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary>`--api` and the protocol of each preset, run as the real program against the replay server.</summary>
public sealed class ProtocolTests
{
    [Theory]
    [InlineData("chat", "DeepSeek stream (chat completions)", "without its reasoning")]
    [InlineData("responses", "OpenAI stream (the Responses API)", "with its reasoning")]
    [InlineData("anthropic", "Anthropic stream (the Anthropic Messages API)", "with its reasoning")]
    [InlineData("gemini", "Google Gemini stream (Gemini's streamGenerateContent)", "without its reasoning")]
    [InlineData("ollama", "Ollama (local) stream (Ollama's native /api/chat)", "without its reasoning")]
    public async Task The_demo_plays_every_protocol_through_the_real_client(string api, string banner, string history)
    {
        using var sandbox = new Sandbox();
        var result = await sandbox.RunAsync("demo", "--fast", "--api", api);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(banner, result.Stderr);
        Assert.Contains("The user wants the reasoning behind Fermat's Last Theorem", result.Stderr);
        Assert.StartsWith("Fermat's Last Theorem says", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Almost certainly not.", result.Stdout);
        Assert.Contains(history, result.Stderr);
    }

    [Theory]
    [InlineData("anthropic-claude-sonnet-4-thinking-tool-use-01.sse", "weather")]
    [InlineData("openai-responses-gpt-5-summary-function-call-encrypted-01.sse", "weather")]
    [InlineData("gemini-native-2.5-pro-thought-function-call-01.sse", "weather")]
    [InlineData("ollama-native-gpt-oss-120b-thinking-tool-call-01.ndjson", "weather")]
    [InlineData("deepseek-v4-flash-responses-api-01.sse", null)]
    public async Task Replay_detects_the_protocol_of_a_recording(string capture, string? tool)
    {
        using var sandbox = new Sandbox();
        var result = await sandbox.RunAsync("replay", Repo.Capture(capture), "--fast", "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        var summary = JsonDocument.Parse(result.Stdout.TrimEnd().Split('\n')[^1]).RootElement;
        Assert.NotEqual("", summary.GetProperty("reasoning").GetString());
        if (tool is not null) Assert.Equal(tool, summary.GetProperty("tool_calls")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Replay_reads_a_recording_as_the_protocol_it_is_told()
    {
        using var sandbox = new Sandbox();
        var result = await sandbox.RunAsync("replay", Repo.Capture("anthropic-thinking-01.sse"), "--fast", "--api", "chat");
        Assert.Equal(7, result.ExitCode);
        Assert.Contains("Anthropic Messages events", result.Stderr);
    }

    [Fact]
    public async Task Asking_over_a_protocol_the_provider_does_not_speak_is_a_usage_error_listing_what_it_speaks()
    {
        using var sandbox = new Sandbox();
        sandbox.Environment["ANTHROPIC_API_KEY"] = "sk-ant-test";
        var result = await sandbox.RunAsync("--provider", "anthropic", "--api", "gemini", "hi");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not speak Gemini's streamGenerateContent", result.Stderr);
        Assert.Contains("it speaks: anthropic", result.Stderr);
    }

    [Fact]
    public async Task An_unknown_api_is_rejected_by_its_validator()
    {
        using var sandbox = new Sandbox();
        var result = await sandbox.RunAsync("--api", "cohere", "hi");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cohere", result.Stderr);
    }

    [Theory]
    [InlineData("anthropic", "anthropic", "/v1/messages", "x-api-key")]
    [InlineData("openai", "responses", "/responses", "Authorization")]
    [InlineData("deepseek", "anthropic", "/v1/messages", "x-api-key")]
    [InlineData("ollama", "ollama", "/api/chat", null)]
    public async Task A_provider_sends_over_its_protocol_with_that_protocols_path_and_key_header(string provider, string api, string path, string? keyHeader)
    {
        var protocol = WireProtocols.TryParse(api, out var p) ? p : throw new InvalidOperationException(api);
        var reply = new ScriptedReply(protocol).Reasoning("Think.").Answer("Answer.").Usage(1, 2);
        await using var server = await ReplayServer.StartAsync(reply.ToResponse());
        using var sandbox = new Sandbox();
        sandbox.Environment[Sandbox.KeyVariable] = Sandbox.Key;
        var result = await sandbox.RunAsync("--provider", provider, "--api", api, "--base-url", server.BaseUri.ToString(), "--api-key-env", Sandbox.KeyVariable, "--no-log", "hi");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Answer.\n", result.Stdout);
        var request = await server.WaitForRequestAsync(0);
        Assert.EndsWith(path, request.Path, StringComparison.Ordinal);
        if (keyHeader is not null) Assert.Contains(Sandbox.Key, request.Header(keyHeader), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Providers_lists_each_presets_protocol_and_the_others_it_speaks()
    {
        using var sandbox = new Sandbox();
        var result = await sandbox.RunAsync("providers", "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        var presets = JsonDocument.Parse(result.Stdout).RootElement.EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal("responses", presets["openai"].GetProperty("protocol").GetString());
        Assert.Equal("anthropic", presets["anthropic"].GetProperty("protocol").GetString());
        Assert.Equal("gemini", presets["gemini"].GetProperty("protocol").GetString());
        Assert.Equal("https://api.deepseek.com/anthropic", presets["deepseek"].GetProperty("protocols").GetProperty("anthropic").GetString());
        Assert.Equal(["GEMINI_API_KEY", "GOOGLE_API_KEY"], presets["gemini"].GetProperty("api_key_variables").EnumerateArray().Select(v => v.GetString()));

        var table = await sandbox.RunAsync("providers");
        Assert.Contains("protocol", table.Stdout);
    }

    [Fact]
    public async Task Gemini_takes_its_key_from_GOOGLE_API_KEY_too()
    {
        var reply = new ScriptedReply(WireProtocol.GeminiGenerateContent).Answer("ok").Usage(1, 1);
        await using var server = await ReplayServer.StartAsync(reply.ToResponse());
        using var sandbox = new Sandbox();
        sandbox.Environment["GEMINI_API_KEY"] = null;
        sandbox.Environment["GOOGLE_API_KEY"] = "google-key-123";
        var result = await sandbox.RunAsync("--provider", "gemini", "--base-url", server.BaseUri.ToString(), "--api", "gemini", "--no-log", "hi");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("google-key-123", (await server.WaitForRequestAsync(0)).Header("x-goog-api-key"));
    }

    [Fact]
    public async Task Without_any_of_its_key_variables_gemini_names_both()
    {
        using var sandbox = new Sandbox();
        sandbox.Environment["GEMINI_API_KEY"] = null;
        sandbox.Environment["GOOGLE_API_KEY"] = null;
        var result = await sandbox.RunAsync("--provider", "gemini", "hi");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("GEMINI_API_KEY or GOOGLE_API_KEY", result.Stderr);
    }

    [Fact]
    public async Task Redacted_thinking_is_shown_as_a_notice_and_named_in_json()
    {
        string body = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"model\":\"claude\",\"usage\":{\"input_tokens\":3}}}\n\n" +
                      "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgBEgy3\"}}\n\n" +
                      "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n" +
                      "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n" +
                      "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Fine.\"}}\n\n" +
                      "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n" +
                      "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":9}}\n\n" +
                      "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        string file = Path.Combine(Path.GetTempPath(), "redacted-" + Guid.NewGuid().ToString("N") + ".sse");
        await File.WriteAllTextAsync(file, body);
        try
        {
            using var sandbox = new Sandbox();
            var human = await sandbox.RunAsync("replay", file, "--fast");
            Assert.True(human.ExitCode == 0, human.ToString());
            Assert.Contains("[some thinking was redacted by the provider]", human.Stderr);
            Assert.Equal("Fine.\n", human.Stdout);

            var json = await sandbox.RunAsync("replay", file, "--fast", "--json");
            Assert.Contains("{\"type\":\"reasoning_block\",\"protocol\":\"anthropic\",\"redacted\":true}", json.Stdout);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
