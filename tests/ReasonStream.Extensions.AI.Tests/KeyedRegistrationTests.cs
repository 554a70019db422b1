using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ReasonStream.Testing;

namespace ReasonStream.Extensions.AI.Tests;

/// <summary>Several providers in one application, each in its own protocol; and settings that cannot work fail at start-up.</summary>
public sealed class KeyedRegistrationTests
{
    [Fact]
    public async Task Two_keyed_clients_talk_to_their_own_providers_in_their_own_protocols()
    {
        await using var deepseek = await ReplayServer.StartAsync(new ScriptedReply(WireProtocol.ChatCompletions).Reasoning("r").Answer("from deepseek").ToResponse());
        await using var claude = await ReplayServer.StartAsync(new ScriptedReply(WireProtocol.AnthropicMessages).Reasoning("r").Answer("from claude").ToResponse());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DeepSeek:Provider"] = "deepseek",
            ["DeepSeek:BaseUrl"] = deepseek.BaseUri.ToString(),
            ["DeepSeek:ApiKey"] = "sk-ds",
            ["Claude:Provider"] = "anthropic",
            ["Claude:BaseUrl"] = claude.BaseUri.ToString(),
            ["Claude:ApiKey"] = "sk-ant",
            ["Claude:Model"] = "claude-sonnet-4-5",
        }).Build();
        var services = new ServiceCollection();
        services.AddKeyedReasoningClient("deepseek", configuration.GetSection("DeepSeek"));
        services.AddKeyedReasoningClient("claude", configuration.GetSection("Claude"));
        await using var provider = services.BuildServiceProvider();

        Assert.Equal("from deepseek", (await provider.GetRequiredKeyedService<IChatClient>("deepseek").GetResponseAsync("hi")).Text);
        Assert.Equal("from claude", (await provider.GetRequiredKeyedService<IChatClient>("claude").GetResponseAsync("hi")).Text);
        Assert.Equal(WireProtocol.AnthropicMessages, provider.GetRequiredKeyedService<ReasoningClient>("claude").Options.EffectiveProtocol);
        Assert.Equal("sk-ant", Assert.Single(claude.Requests).Header("x-api-key"));
        Assert.Equal("Bearer sk-ds", Assert.Single(deepseek.Requests).Header("Authorization"));
        Assert.Null(provider.GetService<IChatClient>()); // no unkeyed client was registered
    }

    [Fact]
    public async Task A_missing_key_fails_host_start_up_naming_the_variable()
    {
        string variable = "REASONSTREAM_ABSENT_" + Guid.NewGuid().ToString("N");
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddReasoningClient(settings =>
        {
            settings.Provider = "deepseek";
            settings.ApiKeyEnvironmentVariable = variable;
        });
        using var host = builder.Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_provider_that_does_not_speak_the_protocol_is_refused_saying_what_it_speaks()
    {
        var settings = new ReasoningClientSettings { Provider = "anthropic", Protocol = "gemini", ApiKey = "k" };
        var error = Assert.Throws<InvalidOperationException>(() => settings.ToClientOptions());
        Assert.Contains("it speaks anthropic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_server_needs_no_key()
    {
        var options = new ReasoningClientSettings { Provider = "deepseek", BaseUrl = "http://127.0.0.1:9/v1", ApiKeyEnvironmentVariable = "REASONSTREAM_NOT_SET_" + Guid.NewGuid().ToString("N") }.ToClientOptions();
        Assert.Null(options.ApiKey);
    }
}
