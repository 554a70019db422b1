using System.Text.Json;
using System.Text.Json.Nodes;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Client;

/// <summary>What the client sends: fields only when set, usage requested, provider-specific fields without new code.</summary>
public sealed class RequestBodyTests
{
    private static async Task<JsonElement> Sent(ChatRequest request, ProviderPreset? preset = null)
    {
        var handler = new InMemoryHandler(Sse.DeepSeek().Answer("x").ToBytes());
        var options = new ReasoningClientOptions { BaseUri = new Uri("http://in-memory/v1"), ApiKey = "sk-test", Provider = preset ?? Providers.DeepSeek, Protocol = WireProtocol.ChatCompletions };
        using var client = new ReasoningClient(options, new HttpClient(handler));
        await client.StreamAsync(request).ToResultAsync();
        return JsonDocument.Parse(Assert.Single(handler.RequestBodies)).RootElement;
    }

    [Fact]
    public async Task Minimal_request_streams_and_asks_for_usage()
    {
        var body = await Sent(new ChatRequest("deepseek-flash", [Message.System("Be brief."), Message.User("Hi")]));
        Assert.Equal("deepseek-flash", body.GetProperty("model").GetString());
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal("system", body.GetProperty("messages")[0].GetProperty("role").GetString());
        Assert.Equal("Hi", body.GetProperty("messages")[1].GetProperty("content").GetString());
        foreach (var absent in new[] { "max_tokens", "temperature", "top_p", "stop", "tools", "tool_choice", "response_format", "reasoning_effort" })
        {
            Assert.False(body.TryGetProperty(absent, out _), absent + " should not be sent when unset");
        }
    }

    [Fact]
    public async Task DeepSeek_always_gets_the_thinking_switch_so_a_changed_default_cannot_surprise()
    {
        var body = await Sent(new ChatRequest("deepseek-flash", [Message.User("Hi")]));
        Assert.Equal("enabled", body.GetProperty("thinking").GetProperty("type").GetString());
        var off = await Sent(new ChatRequest("deepseek-flash", [Message.User("Hi")]) { Thinking = false });
        Assert.Equal("disabled", off.GetProperty("thinking").GetProperty("type").GetString());
        var elsewhere = await Sent(new ChatRequest("m", [Message.User("Hi")]), Providers.OpenRouter);
        Assert.False(elsewhere.TryGetProperty("thinking", out _), "providers without the switch never get it");
    }

    [Fact]
    public async Task Every_option_is_written_in_the_wire_spelling()
    {
        var schema = JsonDocument.Parse("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}").RootElement;
        var request = new ChatRequest("deepseek-flash", [Message.User("Weather?")])
        {
            MaxTokens = 512,
            Temperature = 0.5,
            TopP = 0.9,
            Stop = ["END"],
            Tools = [new ToolDefinition("get_weather", "Weather by city", schema) { Strict = true }],
            ToolChoice = ToolChoice.Function("get_weather"),
            ResponseFormat = ResponseFormat.JsonObject,
            ReasoningEffort = "high",
            Thinking = true,
            IncludeUsage = false,
        };
        var body = await Sent(request);
        Assert.Equal(512, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(0.5, body.GetProperty("temperature").GetDouble());
        Assert.Equal(0.9, body.GetProperty("top_p").GetDouble());
        Assert.Equal("END", body.GetProperty("stop")[0].GetString());
        var function = body.GetProperty("tools")[0].GetProperty("function");
        Assert.Equal("get_weather", function.GetProperty("name").GetString());
        Assert.Equal("string", function.GetProperty("parameters").GetProperty("properties").GetProperty("city").GetProperty("type").GetString());
        Assert.True(function.GetProperty("strict").GetBoolean());
        Assert.Equal("get_weather", body.GetProperty("tool_choice").GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("json_object", body.GetProperty("response_format").GetProperty("type").GetString());
        Assert.Equal("high", body.GetProperty("reasoning_effort").GetString());
        Assert.Equal("enabled", body.GetProperty("thinking").GetProperty("type").GetString());
        Assert.False(body.TryGetProperty("stream_options", out _));
    }

    [Fact]
    public async Task Extra_body_adds_provider_fields_and_overrides_ours()
    {
        var request = new ChatRequest("qwen3-max", [Message.User("Hi")])
        {
            Thinking = true,
            ExtraBody = new Dictionary<string, JsonNode?>
            {
                ["enable_thinking"] = true,
                ["thinking"] = new JsonObject { ["type"] = "enabled", ["clear_thinking"] = false },
                ["chat_template_kwargs"] = new JsonObject { ["enable_thinking"] = false },
            },
        };
        var body = await Sent(request);
        Assert.True(body.GetProperty("enable_thinking").GetBoolean());
        Assert.False(body.GetProperty("thinking").GetProperty("clear_thinking").GetBoolean());
        Assert.False(body.GetProperty("chat_template_kwargs").GetProperty("enable_thinking").GetBoolean());
        Assert.Single(body.EnumerateObject(), p => p.Name == "thinking");
    }

    [Fact]
    public async Task OpenAI_preset_sends_max_completion_tokens()
    {
        var body = await Sent(new ChatRequest("o3", [Message.User("Hi")]) { MaxTokens = 100 }, Providers.OpenAI);
        Assert.Equal(100, body.GetProperty("max_completion_tokens").GetInt32());
        Assert.False(body.TryGetProperty("max_tokens", out _));
    }

    [Fact]
    public async Task Assistant_tool_call_message_and_tool_result_are_written_for_the_next_turn()
    {
        var call = new ToolCall("call_00_x", "get_weather", "{\"city\":\"Paris\"}");
        var request = new ChatRequest("deepseek-flash",
        [
            Message.User("Weather?"),
            Message.Assistant(null, reasoning: "", toolCalls: [call]),
            Message.Tool("call_00_x", "{\"temp\":21}"),
        ]);
        var body = await Sent(request);
        var assistant = body.GetProperty("messages")[1];
        Assert.Equal(JsonValueKind.Null, assistant.GetProperty("content").ValueKind);
        Assert.Equal("", assistant.GetProperty("reasoning_content").GetString());
        Assert.Equal("{\"city\":\"Paris\"}", assistant.GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("call_00_x", body.GetProperty("messages")[2].GetProperty("tool_call_id").GetString());
    }

    [Fact]
    public void Endpoint_joins_base_url_and_path_with_or_without_slash()
    {
        Assert.Equal("https://api.deepseek.com/chat/completions", ReasoningClientOptions.DeepSeek("k").EndpointFor("m").AbsoluteUri);
        Assert.Equal("http://localhost:8000/v1/chat/completions", ReasoningClientOptions.ForEndpoint("http://localhost:8000/v1").EndpointFor("m").AbsoluteUri);
        Assert.Equal("http://localhost:8000/v1/chat/completions", ReasoningClientOptions.ForEndpoint("http://localhost:8000/v1/").EndpointFor("m").AbsoluteUri);
    }

    [Fact]
    public void Key_from_the_environment_names_its_source()
    {
        var preset = new ProviderPreset(Providers.DeepSeek) { ApiKeyVariables = ["REASONSTREAM_TEST_KEY_" + Guid.NewGuid().ToString("N")] };
        Environment.SetEnvironmentVariable(preset.ApiKeyVariable!, "sk-from-env");
        try
        {
            var options = ReasoningClientOptions.ForProvider(preset);
            Assert.Equal("sk-from-env", options.ApiKey);
            Assert.Equal("environment variable " + preset.ApiKeyVariable, options.ApiKeySource);
        }
        finally
        {
            Environment.SetEnvironmentVariable(preset.ApiKeyVariable!, null);
        }
    }
}
