namespace ReasonStream.Tests.Live;

/// <summary>
/// A fact that talks to a real provider: it runs only when one of the provider's key variables is set, and says so
/// when skipped. Default: DeepSeek.
/// </summary>
public sealed class LiveFactAttribute : FactAttribute
{
    public LiveFactAttribute(string provider = "deepseek")
    {
        var preset = Providers.Find(provider) ?? throw new ArgumentException("no preset " + provider, nameof(provider));
        if (!preset.ApiKeyVariables.Any(v => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v))))
        {
            Skip = $"Optional live test against {preset.DisplayName} ({WireProtocols.Describe(preset.Protocol)}): set {string.Join(" or ", preset.ApiKeyVariables)} to run it (costs a few tokens).";
        }
    }
}

/// <summary>The real service, end to end: thinking and answer stream, usage counts reasoning. Never runs in CI (no key, no network).</summary>
public sealed class LiveDeepSeekTests
{
    [LiveFact]
    public async Task The_current_thinking_model_streams_reasoning_then_answer()
    {
        using var client = new ReasoningClient(ReasoningClientOptions.DeepSeek());
        var request = new ChatRequest("deepseek-flash", [Message.User("What is 17 * 23? Answer with the number only.")]) { Thinking = true, MaxTokens = 2048 };
        var result = await client.StreamAsync(request).ToResultAsync().WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(result.IsComplete);
        Assert.NotEmpty(result.Reasoning);
        Assert.Contains("391", result.Answer, StringComparison.Ordinal);
        Assert.True(result.Usage?.ReasoningTokens > 0);
    }

    [LiveFact]
    public async Task A_retired_model_name_gets_a_typed_answer_not_a_crash()
    {
        using var client = new ReasoningClient(ReasoningClientOptions.DeepSeek());
        try
        {
            var result = await client.StreamAsync(new ChatRequest("deepseek-reasoner", [Message.User("Hi")]) { MaxTokens = 64 }).ToResultAsync();
            Assert.True(result.IsComplete); // still served somewhere: fine
        }
        catch (UnknownModelException e)
        {
            Assert.Equal("deepseek-flash", e.Replacement);
        }
    }
}
