using System.Diagnostics;

namespace ReasonStream.Benchmarks;

/// <summary>
/// Streams N generated chunks through the client without accumulating and reports the process's peak
/// working set and the GC heap: run it for growing N in fresh processes to see memory stay flat.
/// </summary>
internal static class PeakMemory
{
    public static async Task<int> RunAsync(int chunks)
    {
        var handler = new InMemoryHandler(() => new GeneratedStream(chunks));
        using var client = new ReasoningClient(
            new ReasoningClientOptions { BaseUri = new Uri("http://in-memory/"), KeepPartialOutput = false, Retry = RetryPolicy.None },
            new HttpClient(handler));
        long characters = 0, updates = 0, maxHeap = 0;
        await foreach (var update in client.StreamAsync(new ChatRequest("deepseek-flash", [Message.User("q")])))
        {
            updates++;
            if (update is ReasoningDelta r) characters += r.Text.Length;
            else if (update is AnswerDelta a) characters += a.Text.Length;
            if (updates % 10_000 == 0) maxHeap = Math.Max(maxHeap, GC.GetTotalMemory(false));
        }

        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"chunks={chunks} updates={updates} characters={characters} peak_working_set_mib={process.PeakWorkingSet64 / 1048576.0:F1} max_sampled_heap_mib={maxHeap / 1048576.0:F1}");
        return 0;
    }
}
