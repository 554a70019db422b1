using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace ReasonStream.Latency;

/// <summary>Runs every consumer against the paced server, round after round, and prints the distributions.</summary>
internal static class LatencyRun
{
    private static double Microseconds(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    public static async Task<int> RunAsync(LatencySettings settings)
    {
        var reply = PacedStream.Reply(settings.Deltas);
        int opening = PacedStream.OpeningEvents(reply);
        int events = reply.Events().Count;
        string dataFolder = Directory.CreateTempSubdirectory("reasonstream-latency-").FullName;

        using var http = ArrivalStream.CreateClient();
        var consumers = new List<Consumer> { new LineFloor(http), new ParsingFloor(http), new LibraryConsumer(ArrivalStream.CreateClient()), new FlushPointConsumer(ArrivalStream.CreateClient()) };
        if (settings.Clis.Count > 0) consumers.Add(new ProcessConsumer("child floor (line reader → stdout)", url => SelfStart("--floor-child", url.ToString()), dataFolder));
        for (int i = 0; i < settings.Clis.Count; i++)
        {
            string cli = settings.Clis[i];
            consumers.Add(new ProcessConsumer(i == 0 ? "reason CLI (stdout/stderr)" : $"reason CLI #{i + 1} (stdout/stderr)", url => CliStart(cli, url), dataFolder));
        }

        Console.WriteLine(Invariant($"per-delta latency: {settings.Deltas} deltas per stream, one every {settings.IntervalMs} ms, {settings.Rounds - 1} counted rounds (+1 warm-up); {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, load average {LoadAverage()}"));
        await using var server = await ServerProcess.StartAsync(settings.Deltas, settings.IntervalMs);
        var runs = new List<RunTimes>();
        var writeCallbacks = new List<double>();
        for (int round = 0; round < settings.Rounds; round++)
        {
            for (int k = 0; k < consumers.Count; k++)
            {
                var consumer = consumers[(k + round) % consumers.Count];
                var times = new RunTimes(consumer.Name, round, settings.Deltas);
                _ = await server.TakeMarksAsync();
                ArrivalStream.Current = times;
                await consumer.RunAsync(server.BaseUri, times, CancellationToken.None);
                ArrivalStream.Current = null;
                var marks = await server.TakeMarksAsync();
                Release(times, marks, opening, events, settings);
                if (round > 0) writeCallbacks.AddRange(marks.Select(m => Microseconds(m.Returned - m.Fired)));
                int missing = times.Consumed.Count(t => t < 0);
                if (missing > 0) throw new InvalidOperationException($"{consumer.Name} missed {missing} of {settings.Deltas} deltas in round {round}.");
                runs.Add(times);
            }

            Console.Error.WriteLine(Invariant($"round {round} done (load average {LoadAverage()})"));
        }

        Report(consumers, runs.Where(r => r.Round > 0).ToList(), writeCallbacks);
        if (settings.Csv is { } csv) WriteCsv(csv, runs);
        Console.WriteLine(Invariant($"load average at the end: {LoadAverage()}"));
        Directory.Delete(dataFolder, recursive: true);
        return 0;
    }

    /// <summary>
    /// Gives each delta its write's release time. The timers' targets lie on the absolute schedule, so they number the
    /// writes up to a shift: the first timer is event 1's unless that write was already late (released without a timer).
    /// The shift taken is the smallest under which no write is released after its delta left the socket or reached the
    /// consumer — a write one too late for its delta always is, since the delta came out a whole gap earlier.
    /// </summary>
    private static void Release(RunTimes times, List<WriteMark> marks, int opening, int events, LatencySettings settings)
    {
        times.Unreleased = events - 1 - marks.Count;
        if (marks.Count == 0) return;
        marks.Sort((a, b) => a.Target.CompareTo(b.Target));
        double interval = settings.IntervalMs * Stopwatch.Frequency / 1000.0;
        var relative = marks.Select(m => (int)Math.Round((m.Target - marks[0].Target) / interval)).ToArray();
        for (int shift = 0; shift <= 5; shift++)
        {
            if (!Consistent(times, marks, relative, 1 + shift - opening)) continue;
            for (int j = 0; j < marks.Count; j++)
            {
                int seq = relative[j] + 1 + shift - opening;
                if (seq >= 0 && seq < times.Released.Length) times.Released[seq] = marks[j].Fired;
            }

            return;
        }

        times.Mismatched = marks.Count;
    }

    private static bool Consistent(RunTimes times, List<WriteMark> marks, int[] relative, int offset)
    {
        for (int j = 0; j < marks.Count; j++)
        {
            int seq = relative[j] + offset;
            if (seq < 0 || seq >= times.Released.Length) continue;
            long released = marks[j].Fired;
            if ((times.Consumed[seq] >= 0 && times.Consumed[seq] < released) || (times.Arrived[seq] >= 0 && times.Arrived[seq] < released)) return false;
        }

        return true;
    }

    private static void Report(List<Consumer> consumers, List<RunTimes> runs, List<double> writeCallbacks)
    {
        Console.WriteLine();
        Console.WriteLine("release → in hand (µs): from the server's write being released to the delta in the consumer's hands");
        Console.WriteLine(Invariant($"{"consumer",-38} {"deltas",7} {"p50",8} {"p90",8} {"p99",8} {"max",9}   per-run p50 (min–max)"));
        var pooled = new Dictionary<string, Distribution>();
        foreach (var consumer in consumers)
        {
            var own = runs.Where(r => r.Consumer == consumer.Name).ToList();
            var all = new Distribution(own.SelectMany(r => Latencies(r, r.Released, consumer.ColdDeltas)));
            pooled[consumer.Name] = all;
            var perRun = own.Select(r => new Distribution(Latencies(r, r.Released, consumer.ColdDeltas))).Where(d => d.Count > 0).Select(d => d.P50).DefaultIfEmpty(double.NaN).ToList();
            Console.WriteLine(Invariant($"{consumer.Name,-38} {all.Count,7} {all.P50,8:F1} {all.P90,8:F1} {all.P99,8:F1} {all.Max,9:F1}   {perRun.Min():F1}–{perRun.Max():F1}"));
        }

        Console.WriteLine();
        Console.WriteLine("in-process consumers, split at the socket (µs): release → socket read returned | socket read returned → in hand");
        foreach (var consumer in consumers.Where(c => c is not ProcessConsumer))
        {
            var own = runs.Where(r => r.Consumer == consumer.Name).ToList();
            var transport = new Distribution(own.SelectMany(r => Between(r.Released, r.Arrived)));
            var reading = new Distribution(own.SelectMany(r => Between(r.Arrived, r.Consumed)));
            int seen = own.Sum(r => r.Arrived.Count(t => t >= 0));
            int hopped = own.Sum(r => Enumerable.Range(0, r.Arrived.Length).Count(i => r.Arrived[i] >= 0 && r.ArrivedOn[i] != r.ConsumedOn[i]));
            Console.WriteLine(Invariant($"{consumer.Name,-38} transport p50 {transport.P50,7:F1} p99 {transport.P99,8:F1} | reading p50 {reading.P50,6:F1} p90 {reading.P90,6:F1} p99 {reading.P99,8:F1} max {reading.Max,8:F1} | other thread {hopped}/{seen}"));
        }

        Console.WriteLine();
        Compare(consumers, runs, pooled, typeof(LibraryConsumer), typeof(LineFloor));
        Compare(consumers, runs, pooled, typeof(LibraryConsumer), typeof(ParsingFloor));
        Compare(consumers, runs, pooled, typeof(FlushPointConsumer), typeof(LibraryConsumer));
        var children = consumers.OfType<ProcessConsumer>().ToList();
        for (int i = 1; i < children.Count; i++) ComparePair(runs, pooled, children[i], children[0]);
        for (int i = 2; i < children.Count; i++) ComparePair(runs, pooled, children[i], children[1]);

        var callbacks = new Distribution(writeCallbacks);
        var unreleased = runs.Sum(r => r.Unreleased);
        Console.WriteLine(Invariant($"server: a released write's callback (write + flush) took p50 {callbacks.P50:F1} µs, p99 {callbacks.P99:F1} µs; writes released late, without a timer (no release time, left out): {unreleased}"));
        int mismatched = runs.Sum(r => r.Mismatched);
        if (mismatched > 0) Console.WriteLine(Invariant($"releases that could not be matched to their deltas (left out): {mismatched} — at short intervals the writer falls behind its timers; use 5 ms or more"));
    }

    private static void Compare(List<Consumer> consumers, List<RunTimes> runs, Dictionary<string, Distribution> pooled, Type measured, Type floor) =>
        ComparePair(runs, pooled, consumers.First(c => c.GetType() == measured), consumers.First(c => c.GetType() == floor));

    /// <summary>The pooled p50 difference, and the difference of p50s within each round (the two ran back to back).</summary>
    private static void ComparePair(List<RunTimes> runs, Dictionary<string, Distribution> pooled, Consumer measured, Consumer floor)
    {
        var paired = runs.GroupBy(r => r.Round).Select(g =>
        {
            var m = g.First(r => r.Consumer == measured.Name);
            var f = g.First(r => r.Consumer == floor.Name);
            return new Distribution(Latencies(m, m.Released, measured.ColdDeltas)).P50 - new Distribution(Latencies(f, f.Released, floor.ColdDeltas)).P50;
        }).Where(double.IsFinite).DefaultIfEmpty(double.NaN).ToList();
        var perRound = new Distribution(paired);
        Console.WriteLine(Invariant($"{measured.Name} − {floor.Name}: pooled p50 {pooled[measured.Name].P50 - pooled[floor.Name].P50:+0.0;-0.0} µs, p99 {pooled[measured.Name].P99 - pooled[floor.Name].P99:+0.0;-0.0} µs; per-round p50 difference median {perRound.P50:+0.0;-0.0} µs (range {paired.Min():+0.0;-0.0} to {paired.Max():+0.0;-0.0})"));
    }

    private static IEnumerable<double> Latencies(RunTimes run, long[] from, int skip) =>
        Between(from[skip..], run.Consumed[skip..]);

    private static IEnumerable<double> Between(long[] from, long[] to)
    {
        for (int i = 0; i < from.Length; i++)
        {
            if (from[i] >= 0 && to[i] >= 0) yield return Microseconds(to[i] - from[i]);
        }
    }

    private static void WriteCsv(string path, List<RunTimes> runs)
    {
        var csv = new StringBuilder("consumer,round,delta,released,arrived,consumed\n");
        foreach (var run in runs)
        {
            for (int i = 0; i < run.Consumed.Length; i++) csv.Append(Invariant($"\"{run.Consumer}\",{run.Round},{i},{run.Released[i]},{run.Arrived[i]},{run.Consumed[i]}\n"));
        }

        File.WriteAllText(path, csv.ToString());
        Console.WriteLine($"timestamps (Stopwatch ticks, {Stopwatch.Frequency}/s): {path}");
    }

    private static ProcessStartInfo SelfStart(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!);
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(typeof(LatencyRun).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return start;
    }

    private static ProcessStartInfo CliStart(string cli, Uri baseUri)
    {
        var start = cli.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? new ProcessStartInfo("dotnet") { ArgumentList = { cli } } : new ProcessStartInfo(cli);
        foreach (var arg in new[] { "--base-url", baseUri.ToString(), "-m", "deepseek-flash", "Explain Fermat's Last Theorem." }) start.ArgumentList.Add(arg);
        return start;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
