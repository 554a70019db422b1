using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReasonStream.Extensions.AI.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Extensions.AI.Tests;

public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task Configuration_section_is_bound_and_the_chat_client_talks_through_IHttpClientFactory()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.FromText(new Sse().Reasoning("r").Answer("configured").Finish("stop")));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ReasonStream:Provider"] = "deepseek",
            ["ReasonStream:BaseUrl"] = server.BaseUri.ToString(),
            ["ReasonStream:ApiKey"] = "sk-from-config",
            ["ReasonStream:Model"] = "deepseek-v4-pro",
            ["ReasonStream:StallTimeout"] = "00:00:42",
            ["ReasonStream:FirstTokenTimeout"] = "00:01:30",
            ["ReasonStream:MaxRetries"] = "0",
            ["ReasonStream:Thinking"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddReasoningClient(configuration.GetSection("ReasonStream"));
        await using var provider = services.BuildServiceProvider();

        var chat = provider.GetRequiredService<IChatClient>();
        var response = await chat.GetResponseAsync("hi");

        Assert.Equal("configured", response.Text);
        var options = provider.GetRequiredService<ReasoningClient>().Options;
        Assert.Equal(TimeSpan.FromSeconds(42), options.StallTimeout);
        Assert.Equal(TimeSpan.FromSeconds(90), options.FirstTokenTimeout);
        Assert.Equal(0, options.Retry.MaxRetries);
        Assert.Equal("the ApiKey setting", options.ApiKeySource);
        var request = Assert.Single(server.Requests);
        Assert.Equal("Bearer sk-from-config", request.Header("Authorization"));
        Assert.Equal("deepseek-v4-pro", (string?)request.BodyAsJson()!["model"]);
        Assert.Equal("disabled", (string?)request.BodyAsJson()!["thinking"]!["type"]);
    }

    [Fact]
    public async Task The_returned_builder_composes_the_pipeline_and_GetService_reaches_the_inner_client()
    {
        var handler = new ScriptedHandler(new Sse().Answer("ok").Finish("stop"));
        var services = new ServiceCollection();
        services.AddReasoningClient(settings =>
        {
            settings.Provider = "openrouter";
            settings.BaseUrl = "http://in-memory/api/v1";
            settings.ApiKey = "sk-or";
        }).UseFunctionInvocation();
        services.AddHttpClient(ReasoningServiceCollectionExtensions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        await using var provider = services.BuildServiceProvider();

        var chat = provider.GetRequiredService<IChatClient>();
        await chat.GetResponseAsync("hi");

        Assert.NotNull(chat.GetService<FunctionInvokingChatClient>());
        Assert.Same(provider.GetRequiredService<ReasoningClient>(), chat.GetService<ReasoningClient>());
        Assert.Equal("openrouter", chat.GetService<ChatClientMetadata>()!.ProviderName);
        Assert.Equal(Providers.OpenRouter.DefaultModel, (string?)Assert.Single(handler.Requests)["model"]);
        Assert.Equal("http://in-memory/api/v1/chat/completions", handler.Messages[0].RequestUri!.ToString());
    }

    [Fact]
    public void The_key_comes_from_the_named_environment_variable_when_not_set()
    {
        string variable = "REASONSTREAM_TEST_KEY_" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, "sk-from-env");
        try
        {
            var options = new ReasoningClientSettings { Provider = "vllm", ApiKeyEnvironmentVariable = variable }.ToClientOptions();

            Assert.Equal("sk-from-env", options.ApiKey);
            Assert.Equal("environment variable " + variable, options.ApiKeySource);
            Assert.Same(Providers.Vllm, options.Provider);
            Assert.Equal(new Uri(Providers.Vllm.BaseUrl), options.BaseUri);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void Bad_settings_fail_with_a_clear_message()
    {
        var unknown = Assert.Throws<InvalidOperationException>(() => new ReasoningClientSettings { Provider = "nope" }.ToClientOptions());
        Assert.Contains("deepseek", unknown.Message);
        Assert.Throws<InvalidOperationException>(() => new ReasoningClientSettings { BaseUrl = "not a url" }.ToClientOptions());
    }
}

public sealed class SettingsHistoryRuleTests
{
    [Fact]
    public void History_rule_and_dialect_can_be_set_from_configuration_for_a_custom_endpoint()
    {
        var settings = new ReasoningClientSettings { BaseUrl = "http://127.0.0.1:8000/v1", HistoryRule = ReasoningHistoryRule.ToolCallTurns, Dialect = ReasoningDialect.ThinkTagsOpen };
        Assert.Equal(ReasoningHistoryRule.ToolCallTurns, settings.ToChatClientOptions().HistoryRule);
        Assert.Equal(ReasoningDialect.ThinkTagsOpen, settings.ToClientOptions().EffectiveDialect);
    }
}
