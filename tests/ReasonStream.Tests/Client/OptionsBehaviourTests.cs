using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Client;

public sealed class OptionsBehaviourTests
{
    [Fact]
    public async Task Raw_chunks_come_before_the_updates_parsed_from_them()
    {
        string chunk = """{"id":"ds-1","object":"chat.completion.chunk","model":"deepseek-flash","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":"stop"}]}"""; // compared byte for byte
        using var client = new ReasoningClient(
            new ReasoningClientOptions { BaseUri = new Uri("http://in-memory/"), IncludeRawChunks = true },
            new HttpClient(new InMemoryHandler(System.Text.Encoding.UTF8.GetBytes(Sse.Events(chunk) + Sse.Done))));
        var updates = await client.CollectAsync();
        int raw = updates.FindIndex(u => u is RawChunk);
        Assert.Equal(chunk, ((RawChunk)updates[raw]).Json);
        Assert.Equal("message", ((RawChunk)updates[raw]).EventType);
        Assert.True(updates.FindIndex(u => u is AnswerDelta) > raw);
    }

    [Fact]
    public async Task Without_partial_output_errors_carry_none()
    {
        using var client = new ReasoningClient(
            new ReasoningClientOptions { BaseUri = new Uri("http://in-memory/"), KeepPartialOutput = false },
            new HttpClient(new InMemoryHandler(System.Text.Encoding.UTF8.GetBytes(Sse.Unfinished(Sse.DeepSeek().Answer("cut"))))));
        var error = await Assert.ThrowsAsync<StreamInterruptedException>(() => client.CollectAsync());
        Assert.Null(error.PartialResult);
    }

    [Fact]
    public async Task CompleteAsync_reports_each_update_and_returns_the_folded_result()
    {
        using var client = InMemoryHandler.Client(Sse.Body(Sse.DeepSeek().Reasoning("r").Answer("a")));
        var seen = new List<StreamUpdate>();
        var result = await client.CompleteAsync(Updates.Ask(), seen.Add);
        Assert.Equal("r", result.Reasoning);
        Assert.Equal("a", result.Answer);
        Assert.IsType<StreamFinished>(seen[^1]);
        var synchronous = client.Complete(Updates.Ask());
        Assert.Equal((result.Reasoning, result.Answer, result.FinishReason, result.Usage), (synchronous.Reasoning, synchronous.Answer, synchronous.FinishReason, synchronous.Usage));
    }

    [Fact]
    public void Every_preset_has_a_base_url_and_a_default_model_and_DeepSeek_comes_first()
    {
        Assert.Equal("deepseek", Providers.All[0].Name);
        Assert.Equal(15, Providers.All.Count);
        Assert.All(Providers.All, p =>
        {
            Assert.True(Uri.IsWellFormedUriString(p.BaseUrl, UriKind.Absolute), p.Name);
            Assert.NotEmpty(p.DefaultModel);
        });
        Assert.Same(Providers.OpenRouter, Providers.Find("OpenRouter"));
        Assert.Null(Providers.Find("nope"));
        Assert.Equal("deepseek-flash", Providers.DeepSeek.RetiredModels["deepseek-reasoner"]);
    }
}
