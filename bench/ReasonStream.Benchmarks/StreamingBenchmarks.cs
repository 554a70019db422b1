using System.ClientModel;
using System.ClientModel.Primitives;
using BenchmarkDotNet.Attributes;
using OpenAI;
using OpenAI.Chat;

namespace ReasonStream.Benchmarks;

/// <summary>
/// Bytes to typed updates on a 100,000-chunk DeepSeek-style stream held in memory: ReasonStream against a
/// bare SseParser + Utf8JsonReader loop (the floor) and the official OpenAI SDK (the usual choice).
/// Each benchmark returns the number of text characters it extracted, so none can skip the work.
/// </summary>
[MemoryDiagnoser]
public class StreamingBenchmarks : IDisposable
{
    private byte[] _body = [];
    private ReasoningClient _reasonStream = null!;
    private ReasoningClient _reasonStreamDefaults = null!;
    private ChatClient _openAi = null!;
    private readonly ChatRequest _request = new("deepseek-flash", [ReasonStream.Message.User("Explain Fermat's Last Theorem.")]);

    [Params(100_000)]
    public int Chunks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _body = DeepSeekStream.Build(Chunks);
        var handler = new InMemoryHandler(() => new MemoryStream(_body, writable: false));
        _reasonStream = new ReasoningClient(
            new ReasoningClientOptions { BaseUri = new Uri("http://in-memory/"), KeepPartialOutput = false, Retry = RetryPolicy.None },
            new HttpClient(handler));
        _reasonStreamDefaults = new ReasoningClient(
            new ReasoningClientOptions { BaseUri = new Uri("http://in-memory/"), Retry = RetryPolicy.None },
            new HttpClient(handler));
        _openAi = new ChatClient("deepseek-flash", new ApiKeyCredential("sk-bench"),
            new OpenAIClientOptions { Endpoint = new Uri("http://in-memory/"), Transport = new HttpClientPipelineTransport(new HttpClient(handler)), RetryPolicy = new ClientRetryPolicy(0) });
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _reasonStream.Dispose();
        _reasonStreamDefaults.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "bare SseParser + Utf8JsonReader")]
    public Task<long> BareLoop() => FloorLoop.ReadAsync(new MemoryStream(_body, writable: false));

    [Benchmark(Description = "ReasonStream StreamAsync, KeepPartialOutput off")]
    public Task<long> ReasonStreamClient() => CountText(_reasonStream.StreamAsync(_request));

    [Benchmark(Description = "ReasonStream StreamAsync, partial output kept (default)")]
    public Task<long> ReasonStreamClientDefaults() => CountText(_reasonStreamDefaults.StreamAsync(_request));

    [Benchmark(Description = "OpenAI SDK CompleteChatStreamingAsync")]
    public async Task<long> OpenAiSdk()
    {
        long characters = 0;
        await foreach (var update in _openAi.CompleteChatStreamingAsync([new UserChatMessage("Explain Fermat's Last Theorem.")]))
        {
            foreach (var part in update.ContentUpdate) characters += part.Text?.Length ?? 0;
        }

        return characters;
    }

    private static async Task<long> CountText(IAsyncEnumerable<StreamUpdate> updates)
    {
        long characters = 0;
        await foreach (var update in updates)
        {
            characters += update switch
            {
                ReasoningDelta r => r.Text.Length,
                AnswerDelta a => a.Text.Length,
                _ => 0,
            };
        }

        return characters;
    }
}
