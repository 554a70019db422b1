using System.Diagnostics;
using System.Globalization;
using ReasonStream.Testing;

namespace ReasonStream.Latency;

/// <summary>
/// The replay server, in a child process of its own (this program with <c>--serve</c>), so its garbage collections and
/// threads are not the measured process's. It paces the stream with <see cref="ReplayPacing.DelayBetweenEvents"/>
/// and hands over its <see cref="WriteClock"/> marks on request: the line <c>marks</c> on its standard input answers
/// with one <c>TARGET FIRED RETURNED</c> line per released write since the last request, then <c>end</c>.
/// Stopwatch timestamps are the machine's monotonic clock, the same in both processes.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <summary>The child's side: serve until standard input closes.</summary>
    public static async Task<int> ServeAsync(int deltas, TimeSpan interval)
    {
        var clock = new WriteClock();
        var response = PacedStream.Reply(deltas).ToResponse() with { Pacing = ReplayPacing.DelayBetweenEvents(interval) };
        var options = new ReplayServerOptions { WhenScriptExhausted = ExhaustedScriptBehavior.RepeatLastResponse, TimeProvider = clock };
        await using var server = await ReplayServer.StartAsync([response], options);
        Console.WriteLine(server.BaseUri);
        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (line != "marks") continue;
            foreach (var mark in clock.Take()) Console.WriteLine(FormattableString.Invariant($"{mark.Target} {mark.Fired} {mark.Returned}"));
            Console.WriteLine("end");
        }

        return 0;
    }

    public static async Task<ServerProcess> StartAsync(int deltas, int intervalMs)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        foreach (var arg in new[] { "--serve", deltas.ToString(CultureInfo.InvariantCulture), intervalMs.ToString(CultureInfo.InvariantCulture) }) start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server process.");
        var url = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The server process ended before it served.");
        return new ServerProcess(process, new Uri(url));
    }

    /// <summary>The writes the server released since the last call.</summary>
    public async Task<List<WriteMark>> TakeMarksAsync()
    {
        await _process.StandardInput.WriteLineAsync("marks");
        await _process.StandardInput.FlushAsync();
        var marks = new List<WriteMark>();
        while (await _process.StandardOutput.ReadLineAsync() is { } line && line != "end")
        {
            var parts = line.Split(' ');
            marks.Add(new WriteMark(long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture)));
        }

        return marks;
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _process.Dispose();
    }
}
