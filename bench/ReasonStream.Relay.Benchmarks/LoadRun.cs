using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReasonStream.AspNetCore;
using StackExchange.Redis;

namespace ReasonStream.Relay.Benchmarks;

/// <summary>
/// Starts the streams on instance A, spreads the followers over A and B (half each), and checks every follower's
/// events: positions 1..N with no gap or repeat, and the joined answer text equal to what its stream's source produced. Each piece
/// carries the time it was produced, so the latency measured is what the relay adds (store write, pub/sub, fan-out,
/// SSE over loopback HTTP, parsing), not the model's.
/// </summary>
internal static class LoadRun
{
    public static async Task<int> RunAsync(LoadSettings settings)
    {
        Console.WriteLine($"relay load: {settings.Followers} followers, {settings.Streams} streams of {settings.Pieces} pieces every {settings.Interval.TotalMilliseconds} ms, store {(settings.UseRedis ? "redis (2 instances)" : "memory (1 instance)")}");
        await using var redis = settings.UseRedis ? await RedisProcess.StartAsync() : null;
        var configuration = redis is null ? null : $"127.0.0.1:{redis.Port}";
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        await using var a = await StartInstanceAsync(configuration, settings);
        await using var b = redis is null ? null : await StartInstanceAsync(configuration, settings);
        var instances = b is null ? new[] { a } : [a, b];

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Gate = gate.Task; // the sources wait until every follower is connected
        var ids = new List<string>();
        using var starter = new HttpClient { BaseAddress = new Uri(a.Urls.First()) };
        for (var s = 0; s < settings.Streams; s++)
        {
            using var response = await starter.PostAsync("/relay?stream=" + s, null);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            ids.Add(json.RootElement.GetProperty("id").GetString()!);
        }

        var followers = new List<Task<FollowerResult>>();
        var clients = instances.Select(i => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = new Uri(i.Urls.First()), Timeout = Timeout.InfiniteTimeSpan }).ToArray();
        var connected = new CountdownEvent(settings.Followers);
        for (var f = 0; f < settings.Followers; f++)
        {
            followers.Add(FollowAsync(clients[f % clients.Length], ids[f % ids.Count], f % ids.Count, connected));
        }

        connected.Wait(TimeSpan.FromMinutes(2));
        var heapConnected = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        gate.SetResult();
        var results = await Task.WhenAll(followers);
        var elapsed = clock.Elapsed;

        var broken = results.Count(r => !r.Contiguous || r.Answer != Produced[r.Stream].ToString() || !r.Finished);
        var latencies = results.SelectMany(r => r.Latencies).Order().ToArray();
        Console.WriteLine($"followers: {results.Length}, events received: {results.Sum(r => r.Events)}, pieces received: {latencies.Length} (expected {(long)settings.Followers * settings.Pieces})");
        Console.WriteLine($"lost or duplicated: {broken} follower(s) with a gap, a repeat, a wrong text or no finish");
        Console.WriteLine($"added latency per piece: p50 {Percentile(latencies, 0.50):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms, max {latencies[^1]:F2} ms");
        Console.WriteLine($"wall time: {elapsed.TotalSeconds:F1} s; events per stream: {results.Average(r => r.Events):F0} (pieces joined when they pile up)");

        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"managed heap: before {Mib(heapBefore)}, {settings.Followers} followers connected {Mib(heapConnected)}, after all streams finished {Mib(heapAfter)} (events retained in {(redis is null ? "process memory" : "Redis")})");
        Console.WriteLine($"  per follower while connected (both instances and the bench's own clients, one process): {(heapConnected - heapBefore) / settings.Followers / 1024.0:F1} KiB");
        // What one stream's events hold in an instance's memory (its feed): all of a stream in the in-memory store; on
        // Redis, what an instance holds while it has followers of the stream (dropped when the last one leaves).
        var store = a.Services.GetRequiredService<IRelayStore>();
        long feedBytes = 0;
        foreach (var id in ids)
        {
            using var lease = await store.FollowAsync(id, CancellationToken.None);
            feedBytes += lease!.Feed.Bytes;
        }

        Console.WriteLine($"  per stream in an instance's feed, by the relay's own count (JSON data + kind + an estimated 40 bytes per event; not a heap measurement), {results.Average(r => r.Events):F0} events: {feedBytes / ids.Count / 1024.0:F1} KiB ({settings.Pieces} pieces of about 20 characters each)");
        if (redis is not null)
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(configuration!);
            var db = connection.GetDatabase();
            long bytes = 0;
            foreach (var id in ids)
            {
                bytes += (long)await db.ExecuteAsync("MEMORY", "USAGE", $"{RedisPrefix}{{{id}}}:events");
                bytes += (long)await db.ExecuteAsync("MEMORY", "USAGE", $"{RedisPrefix}{{{id}}}:state");
            }

            Console.WriteLine($"  per finished stream in Redis (MEMORY USAGE of its keys): {bytes / ids.Count / 1024.0:F1} KiB ({settings.Pieces} pieces of about 20 characters each)");
        }

        foreach (var client in clients) client.Dispose();
        return broken == 0 && latencies.Length == (long)settings.Followers * settings.Pieces ? 0 : 1;
    }

    private const string RedisPrefix = "bench:";
    private static Task Gate = Task.CompletedTask;

    private static async Task<WebApplication> StartInstanceAsync(string? redis, LoadSettings settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxConcurrentConnections = null);
        builder.Logging.ClearProviders();
        var relay = builder.Services.AddReasoningRelay(o => o.MaxConcurrentStreams = 1000);
        if (redis is not null) relay.UseRedis(redis, RedisPrefix);
        var app = builder.Build();
        app.MapReasoningRelay("/relay", http =>
        {
            var stream = int.Parse(http.Request.Query["stream"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
            var produced = Produced.GetOrAdd(stream, _ => new System.Text.StringBuilder());
            return ValueTask.FromResult(new RelayRequest(token => Source(settings, produced, token), "bench"));
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>What each stream's source produced (by the stream's number), to compare every follower's text with.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, System.Text.StringBuilder> Produced = new();

    /// <summary>Answer pieces "[timestamp]" after the gate opens, one per interval: the timestamp is when it was produced.</summary>
    private static async IAsyncEnumerable<StreamUpdate> Source(LoadSettings settings, System.Text.StringBuilder produced, [EnumeratorCancellation] CancellationToken token)
    {
        await Gate.WaitAsync(token);
        using var timer = new PeriodicTimer(settings.Interval);
        for (var i = 0; i < settings.Pieces; i++)
        {
            await timer.WaitForNextTickAsync(token);
            var piece = $"[{Stopwatch.GetTimestamp()}]";
            produced.Append(piece); // one source per stream, so one writer per builder
            yield return new AnswerDelta(piece);
        }

        yield return new StreamFinished(FinishReasons.Stop);
    }

    private static async Task<FollowerResult> FollowAsync(HttpClient http, string id, int streamNumber, CountdownEvent connected)
    {
        var answer = new System.Text.StringBuilder();
        var latencies = new List<double>();
        var expectedPosition = 1L;
        var contiguous = true;
        var events = 0;
        var finished = false;
        var lastStamp = 0L;
        using var response = await http.GetAsync($"/relay/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        connected.Signal();
        await using var stream = await response.Content.ReadAsStreamAsync();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync())
        {
            var now = Stopwatch.GetTimestamp();
            events++;
            if (item.EventId != expectedPosition.ToString(System.Globalization.CultureInfo.InvariantCulture)) contiguous = false;
            expectedPosition++;
            if (item.EventType == "answer")
            {
                var text = JsonDocument.Parse(item.Data).RootElement.GetProperty("text").GetString()!;
                answer.Append(text);
                foreach (var piece in text.Split(']', StringSplitOptions.RemoveEmptyEntries))
                {
                    var stamp = long.Parse(piece.TrimStart('['), System.Globalization.CultureInfo.InvariantCulture);
                    if (stamp <= lastStamp) contiguous = false; // a piece repeated or out of order
                    lastStamp = stamp;
                    latencies.Add(Stopwatch.GetElapsedTime(stamp, now).TotalMilliseconds);
                }
            }
            else if (item.EventType == "finish")
            {
                finished = true;
            }
        }

        return new FollowerResult(streamNumber, events, contiguous, answer.ToString(), finished, latencies);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static string Mib(long bytes) => $"{bytes / 1024.0 / 1024.0:F1} MiB";

    private sealed record FollowerResult(int Stream, int Events, bool Contiguous, string Answer, bool Finished, List<double> Latencies);
}
