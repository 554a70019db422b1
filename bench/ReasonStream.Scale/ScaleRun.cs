using System.Diagnostics;
using System.Globalization;

namespace ReasonStream.Scale;

/// <summary>
/// Measures what one process holds: N concurrent active streams through one <see cref="ReasoningClient"/>, N streams
/// waiting for their first token, and M callers of the synchronous <see cref="ReasoningClient.Stream"/> API on
/// thread-pool threads. Each phase is sampled against a baseline taken just before it: live GC heap (after a full
/// collection), working set, process threads, thread-pool threads and open sockets. Every stream's text is checked.
/// </summary>
internal static class ScaleRun
{
    private static readonly ChatRequest Request = new("deepseek-flash", [Message.User("Explain Fermat's Last Theorem.")]);

    public static async Task<int> RunAsync(ScaleSettings settings)
    {
        using var servers = StartServers(settings);
        var paced = new Uri(servers.StandardOutput.ReadLine()!);
        var idle = new Uri(servers.StandardOutput.ReadLine()!);
        var syncUri = new Uri(servers.StandardOutput.ReadLine()!);
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{settings.Streams} streams of {settings.Chunks} chunks every {settings.IntervalMs} ms; {settings.SyncCallers} sync callers of {settings.SyncChunks} chunks; {Environment.ProcessorCount} cores; thread pool min {MinThreads()}"));
            if (settings.Streams > 0)
            {
                await ActiveAsync(settings, paced);
                await IdleAsync(settings, idle);
            }

            await SyncAsync(settings, syncUri, dedicatedThreads: true);
            await SyncAsync(settings, syncUri, dedicatedThreads: false);
            await SyncAsync(settings, syncUri, dedicatedThreads: true, starvedPool: true); // last: it leaves the pool grown
            return 0;
        }
        finally
        {
            servers.StandardInput.Close();
            await servers.WaitForExitAsync();
        }
    }

    private static async Task ActiveAsync(ScaleSettings settings, Uri baseUri)
    {
        using var client = new ReasoningClient(new ReasoningClientOptions { BaseUri = baseUri, ApiKey = "sk-bench" });
        await ReadAsync(client, null); // warm: code jitted, first connection made
        var before = Sample.Take();
        using var allStarted = new CountdownEvent(settings.Streams);
        using var peak = new PeakSampler();
        var streams = Enumerable.Range(0, settings.Streams).Select(_ => Task.Run(() => ReadAsync(client, allStarted))).ToArray();
        allStarted.Wait(TimeSpan.FromMinutes(2));
        var during = Sample.Take();
        long[] characters = await Task.WhenAll(streams);
        peak.Stop();
        Check(characters, settings.Chunks);
        Report($"active: {settings.Streams} streams mid-way (all past their first update)", before, during, settings.Streams, peak);
    }

    private static async Task IdleAsync(ScaleSettings settings, Uri baseUri)
    {
        using var client = new ReasoningClient(new ReasoningClientOptions { BaseUri = baseUri, ApiKey = "sk-bench" });
        using var warm = new CancellationTokenSource();
        var warming = ReadUntilCanceledAsync(client, warm.Token);
        await WaitForSocketsAsync(Sample.Take().Sockets + 1);
        await warm.CancelAsync();
        await warming;
        await Task.Delay(500);
        var before = Sample.Take();
        using var cancel = new CancellationTokenSource();
        using var peak = new PeakSampler();
        var streams = Enumerable.Range(0, settings.Streams).Select(_ => Task.Run(() => ReadUntilCanceledAsync(client, cancel.Token))).ToArray();
        await WaitForSocketsAsync(before.Sockets + settings.Streams);
        await Task.Delay(1000); // every request sent and waiting
        var during = Sample.Take();
        await cancel.CancelAsync();
        await Task.WhenAll(streams);
        peak.Stop();
        Report($"idle: {settings.Streams} streams waiting for their first token (headers in, body not started)", before, during, settings.Streams, peak);
    }

    /// <summary>
    /// M callers of the synchronous API, each on a thread of its own or on a thread-pool thread; with
    /// <paramref name="starvedPool"/>, while every thread-pool thread is busy with other (blocking) work, as in a
    /// process whose pool is overloaded: a synchronous caller that needs a pool thread to make progress then waits.
    /// </summary>
    private static async Task SyncAsync(ScaleSettings settings, Uri baseUri, bool dedicatedThreads, bool starvedPool = false)
    {
        using var client = new ReasoningClient(new ReasoningClientOptions { BaseUri = baseUri, ApiKey = "sk-bench" });
        ReadSync(client); // warm
        if (starvedPool)
        {
            // The connections are made first: HttpClient makes new ones on the thread pool whatever the caller does,
            // so what is measured is the streaming itself.
            await Task.WhenAll(Enumerable.Range(0, settings.SyncCallers).Select(_ => OnOwnThread(() => ReadSync(client))));
        }

        await Task.Delay(500);
        var before = Sample.Take();
        using var peak = new PeakSampler();
        using var release = new ManualResetEventSlim();
        if (starvedPool)
        {
            for (int i = 0; i < 4 * settings.SyncCallers; i++) ThreadPool.UnsafeQueueUserWorkItem(static r => ((ManualResetEventSlim)r!).Wait(), release);
        }

        var clock = Stopwatch.StartNew();
        // Completion is counted by the callers themselves (a CountdownEvent, waited on here): a task continuation
        // would need the thread pool, which the starved phase keeps busy.
        long[] characters = new long[settings.SyncCallers];
        using var finished = new CountdownEvent(settings.SyncCallers);
        for (int i = 0; i < settings.SyncCallers; i++)
        {
            int caller = i;
            void Call()
            {
                try
                {
                    characters[caller] = ReadSync(client);
                }
                catch (ReasonStreamException ex)
                {
                    Console.Error.WriteLine(ex.Message);
                    characters[caller] = -1;
                }
                finally
                {
                    finished.Signal();
                }
            }

            if (dedicatedThreads) new Thread(Call, maxStackSize: 256 * 1024) { IsBackground = true }.Start();
            else ThreadPool.QueueUserWorkItem(_ => Call());
        }

        bool done = finished.Wait(starvedPool ? TimeSpan.FromSeconds(120) : TimeSpan.FromMinutes(10));
        var elapsed = clock.Elapsed;
        var during = Sample.Take(collect: false);
        release.Set();
        finished.Wait();
        peak.Stop();
        Check(characters, settings.SyncChunks);
        double ideal = settings.SyncChunks * settings.IntervalMs / 1000.0;
        string where = dedicatedThreads ? "their own threads" : "thread-pool threads";
        string outcome = done ? $"all done in {elapsed.TotalSeconds:F1} s" : $"not done after {elapsed.TotalSeconds:F0} s (the rest finished once the pool was released)";
        Report(string.Create(CultureInfo.InvariantCulture, $"sync: {settings.SyncCallers} callers of Stream() on {where}{(starvedPool ? ", connections already open, every pool thread busy elsewhere" : "")}: {outcome} (one stream alone takes {ideal:F1} s)"), before, Max(peak.Max, during), settings.SyncCallers, peak);
    }

    private static Sample Max(Sample a, Sample b) =>
        new(Math.Max(a.Heap, b.Heap), Math.Max(a.WorkingSet, b.WorkingSet), Math.Max(a.Threads, b.Threads), Math.Max(a.PoolThreads, b.PoolThreads), Math.Max(a.Sockets, b.Sockets));

    /// <summary>Runs <paramref name="work"/> on a thread of its own, as a program with its own threads calls a synchronous API.</summary>
    private static Task<long> OnOwnThread(Func<long> work)
    {
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        }, maxStackSize: 256 * 1024) { IsBackground = true };
        thread.Start();
        return done.Task;
    }

    private static async Task<long> ReadAsync(ReasoningClient client, CountdownEvent? started)
    {
        long characters = 0;
        bool first = true;
        await foreach (var update in client.StreamAsync(Request))
        {
            if (first && update is ReasoningDelta)
            {
                first = false;
                started?.Signal();
            }

            characters += update is ReasoningDelta r ? r.Text.Length : update is AnswerDelta a ? a.Text.Length : 0;
        }

        return characters;
    }

    private static async Task ReadUntilCanceledAsync(ReasoningClient client, CancellationToken token)
    {
        try
        {
            await foreach (var _ in client.StreamAsync(Request, token))
            {
            }
        }
        catch (StreamCanceledException)
        {
        }
    }

    private static long ReadSync(ReasoningClient client)
    {
        long characters = 0;
        foreach (var update in client.Stream(Request))
        {
            characters += update is ReasoningDelta r ? r.Text.Length : update is AnswerDelta a ? a.Text.Length : 0;
        }

        return characters;
    }

    private static void Check(long[] characters, int chunks)
    {
        long expected = CharactersOf(chunks);
        int wrong = characters.Count(c => c != expected);
        if (wrong > 0) throw new InvalidOperationException($"{wrong} streams read {characters.First(c => c != expected)} characters, not {expected}");
    }

    private static long CharactersOf(int chunks)
    {
        long total = 0;
        foreach (var step in Benchmarks.DeepSeekStream.Reply(chunks).Steps) total += step.Text.Length;
        return total;
    }

    private static async Task WaitForSocketsAsync(int count)
    {
        var deadline = Stopwatch.StartNew();
        while (Sample.CountSockets() < count && deadline.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(50);
    }

    private static void Report(string what, Sample before, Sample during, int count, PeakSampler peak)
    {
        Console.WriteLine(what);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  live heap   {Mib(before.Heap),8} -> {Mib(during.Heap),8} MiB   {(during.Heap - before.Heap) / (double)count / 1024,7:F1} KiB per stream"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  working set {Mib(before.WorkingSet),8} -> {Mib(during.WorkingSet),8} MiB   {(during.WorkingSet - before.WorkingSet) / (double)count / 1024,7:F1} KiB per stream (peak {Mib(peak.Max.WorkingSet)} MiB)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  threads     {before.Threads,8} -> {during.Threads,8} (peak {peak.Max.Threads}); thread pool {before.PoolThreads} -> {during.PoolThreads} (peak {peak.Max.PoolThreads}); sockets {before.Sockets} -> {during.Sockets}"));
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);

    private static string MinThreads()
    {
        ThreadPool.GetMinThreads(out int workers, out _);
        return workers.ToString(CultureInfo.InvariantCulture);
    }

    private static Process StartServers(ScaleSettings settings)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(typeof(ScaleRun).Assembly.Location);
        foreach (var arg in (string[])["--serve", settings.Chunks.ToString(CultureInfo.InvariantCulture), settings.IntervalMs.ToString(CultureInfo.InvariantCulture), settings.SyncChunks.ToString(CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }
}

/// <summary>One reading of the process.</summary>
internal sealed record Sample(long Heap, long WorkingSet, int Threads, int PoolThreads, int Sockets)
{
    public static Sample Take(bool collect = true)
    {
        long heap = GC.GetTotalMemory(forceFullCollection: collect);
        using var process = Process.GetCurrentProcess();
        return new Sample(heap, process.WorkingSet64, process.Threads.Count, ThreadPool.ThreadCount, CountSockets());
    }

    public static int CountSockets()
    {
        int count = 0;
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true) count++;
            }
            catch (IOException)
            {
                // closed meanwhile
            }
        }

        return count;
    }
}

/// <summary>Samples threads, thread-pool threads and working set every 100 ms and keeps the largest of each.</summary>
internal sealed class PeakSampler : IDisposable
{
    private readonly Timer _timer;
    private readonly Lock _gate = new();

    public PeakSampler()
    {
        Max = Sample.Take(collect: false);
        _timer = new Timer(_ => Observe(), null, 100, 100);
    }

    public Sample Max { get; private set; }

    public void Stop()
    {
        _timer.Dispose();
        Observe();
    }

    public void Dispose() => _timer.Dispose();

    private void Observe()
    {
        var now = Sample.Take(collect: false);
        lock (_gate)
        {
            Max = new Sample(Math.Max(Max.Heap, now.Heap), Math.Max(Max.WorkingSet, now.WorkingSet), Math.Max(Max.Threads, now.Threads), Math.Max(Max.PoolThreads, now.PoolThreads), Math.Max(Max.Sockets, now.Sockets));
        }
    }
}
