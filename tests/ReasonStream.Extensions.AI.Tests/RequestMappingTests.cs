using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ReasonStream.Extensions.AI.Tests.Support;

namespace ReasonStream.Extensions.AI.Tests;

public sealed class RequestMappingTests
{
    private static async Task<JsonObject> SendAsync(ChatOptions? options, ProviderPreset? preset = null, ReasoningChatClientOptions? clientOptions = null, IEnumerable<ChatMessage>? messages = null)
    {
        var handler = new ScriptedHandler(new Sse().Answer("ok").Finish("stop"));
        using var client = handler.Client(preset);
        await client.AsIChatClient(clientOptions).GetResponseAsync(messages ?? [new ChatMessage(ChatRole.User, "hi")], options);
        return Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Sampling_options_map_to_their_fields()
    {
        var body = await SendAsync(new ChatOptions
        {
            ModelId = "deepseek-v4-pro",
            MaxOutputTokens = 512,
            Temperature = 0.5f,
            TopP = 0.9f,
            StopSequences = ["END"],
            FrequencyPenalty = 0.25f,
            Seed = 7,
        });

        Assert.Equal("deepseek-v4-pro", (string?)body["model"]);
        Assert.Equal(512, (int?)body["max_tokens"]);
        Assert.Equal(0.5, (double?)body["temperature"]);
        Assert.Equal(0.9, (double)body["top_p"]!, 5);
        Assert.Equal("END", (string?)body["stop"]![0]);
        Assert.Equal(0.25, (double?)body["frequency_penalty"]);
        Assert.Equal(7, (long?)body["seed"]);
        Assert.True((bool?)body["stream"]);
    }

    [Fact]
    public async Task Model_defaults_to_the_client_option_then_the_preset()
    {
        Assert.Equal("my-model", (string?)(await SendAsync(null, clientOptions: new() { DefaultModel = "my-model" }))["model"]);
        Assert.Equal(Providers.DeepSeek.DefaultModel, (string?)(await SendAsync(null))["model"]);
    }

    [Fact]
    public async Task Instructions_become_a_leading_system_message()
    {
        var body = await SendAsync(new ChatOptions { Instructions = "Be brief." });

        Assert.Equal("system", (string?)body["messages"]![0]!["role"]);
        Assert.Equal("Be brief.", (string?)body["messages"]![0]!["content"]);
        Assert.Equal("user", (string?)body["messages"]![1]!["role"]);
    }

    [Fact]
    public async Task Functions_are_sent_with_their_json_schema()
    {
        var weather = AIFunctionFactory.Create((string city, int days) => $"{city}:{days}", "get_weather", "Weather forecast.");
        var body = await SendAsync(new ChatOptions { Tools = [weather] });

        var function = body["tools"]![0]!["function"]!;
        Assert.Equal("function", (string?)body["tools"]![0]!["type"]);
        Assert.Equal("get_weather", (string?)function["name"]);
        Assert.Equal("Weather forecast.", (string?)function["description"]);
        Assert.Equal("string", (string?)function["parameters"]!["properties"]!["city"]!["type"]);
        Assert.Equal("integer", (string?)function["parameters"]!["properties"]!["days"]!["type"]);
        Assert.Null(body["tool_choice"]);
    }

    [Theory]
    [InlineData("auto", "\"auto\"")]
    [InlineData("none", "\"none\"")]
    [InlineData("required", "\"required\"")]
    [InlineData("specific", """{"type":"function","function":{"name":"get_weather"}}""")]
    public async Task Tool_modes_map_to_tool_choice(string mode, string expected)
    {
        var weather = AIFunctionFactory.Create((string city) => city, "get_weather");
        ChatToolMode toolMode = mode switch
        {
            "auto" => ChatToolMode.Auto,
            "none" => ChatToolMode.None,
            "required" => ChatToolMode.RequireAny,
            _ => ChatToolMode.RequireSpecific("get_weather"),
        };

        var body = await SendAsync(new ChatOptions { Tools = [weather], ToolMode = toolMode });

        Assert.Equal(expected, body["tool_choice"]!.ToJsonString());
    }

    [Fact]
    public async Task Response_formats_map_to_response_format()
    {
        Assert.Equal("text", (string?)(await SendAsync(new ChatOptions { ResponseFormat = ChatResponseFormat.Text }))["response_format"]!["type"]);
        Assert.Equal("json_object", (string?)(await SendAsync(new ChatOptions { ResponseFormat = ChatResponseFormat.Json }))["response_format"]!["type"]);

        var schema = JsonDocument.Parse("""{"type":"object","properties":{"n":{"type":"integer"}}}""").RootElement;
        var body = await SendAsync(new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "answer") });
        Assert.Equal("json_schema", (string?)body["response_format"]!["type"]);
        Assert.Equal("answer", (string?)body["response_format"]!["json_schema"]!["name"]);
        Assert.Equal("integer", (string?)body["response_format"]!["json_schema"]!["schema"]!["properties"]!["n"]!["type"]);
    }

    [Fact]
    public async Task Thinking_is_sent_explicitly_where_the_provider_has_the_switch()
    {
        Assert.Equal("enabled", (string?)(await SendAsync(null))["thinking"]!["type"]);
        Assert.Null((await SendAsync(null, Providers.OpenAI))["thinking"]);
        Assert.Equal("disabled", (string?)(await SendAsync(null, clientOptions: new() { Thinking = false }))["thinking"]!["type"]);
    }

    [Theory]
    [InlineData(ReasoningEffort.Low, "low")]
    [InlineData(ReasoningEffort.Medium, "medium")]
    [InlineData(ReasoningEffort.High, "high")]
    [InlineData(ReasoningEffort.ExtraHigh, "xhigh")]
    public async Task Reasoning_effort_maps_to_reasoning_effort_with_thinking_on(ReasoningEffort effort, string expected)
    {
        var body = await SendAsync(new ChatOptions { Reasoning = new ReasoningOptions { Effort = effort } }, clientOptions: new() { Thinking = false });

        Assert.Equal(expected, (string?)body["reasoning_effort"]);
        Assert.Equal("enabled", (string?)body["thinking"]!["type"]);
    }

    [Fact]
    public async Task Effort_none_switches_thinking_off_or_sends_none()
    {
        var deepSeek = await SendAsync(new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None } });
        Assert.Equal("disabled", (string?)deepSeek["thinking"]!["type"]);
        Assert.Null(deepSeek["reasoning_effort"]);

        var openAi = await SendAsync(new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None } }, Providers.OpenAI);
        Assert.Equal("none", (string?)openAi["reasoning_effort"]);
    }

    [Fact]
    public async Task Additional_properties_become_top_level_fields_and_win()
    {
        var body = await SendAsync(new ChatOptions
        {
            Temperature = 0.1f,
            AdditionalProperties = new()
            {
                ["enable_thinking"] = true,
                ["reasoning"] = JsonNode.Parse("""{"effort":"high","exclude":false}"""),
                ["chat_template_kwargs"] = JsonDocument.Parse("""{"thinking":true}""").RootElement,
                ["temperature"] = 0.7,
            },
        });

        Assert.True((bool?)body["enable_thinking"]);
        Assert.Equal("high", (string?)body["reasoning"]!["effort"]);
        Assert.True((bool?)body["chat_template_kwargs"]!["thinking"]);
        Assert.Equal(0.7, (double?)body["temperature"]);
    }

    [Fact]
    public async Task A_ChatRequest_from_RawRepresentationFactory_is_the_starting_point()
    {
        var body = await SendAsync(new ChatOptions
        {
            MaxOutputTokens = 100,
            RawRepresentationFactory = _ => new ChatRequest("ignored", []) { ReasoningEffort = "max", MaxTokens = 9 },
        });

        Assert.Equal("max", (string?)body["reasoning_effort"]);
        Assert.Equal(9, (int?)body["max_tokens"]);
        Assert.Equal("hi", (string?)body["messages"]![0]!["content"]);
    }

    [Fact]
    public async Task Images_are_refused_clearly_rather_than_dropped()
    {
        var message = new ChatMessage(ChatRole.User, [new TextContent("what is this?"), new DataContent(new byte[] { 1, 2, 3 }, "image/png")]);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => SendAsync(null, messages: [message]));
        Assert.Contains("image/png", error.Message);
    }
}
