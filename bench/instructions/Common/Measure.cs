using System.Diagnostics;
using System.Globalization;

namespace ReasonStream.Benchmarks;

/// <summary>
/// The frame every measured program shares: reads the stream from the base address in its first argument, once
/// (for callgrind and peak RSS) or <c>--repeat N</c> times (for the JIT CPU-time comparison), and prints one line
/// per read with what it extracted and the process CPU time it took, so the runs can be checked and compared.
/// </summary>
internal static class Measure
{
    public static async Task<int> RunAsync(string[] args, string name, Func<Uri, Task<(long Characters, long Updates)>> readOnce)
    {
        if (args.Length is not (1 or 3) || (args.Length == 3 && args[1] != "--repeat"))
        {
            await Console.Error.WriteLineAsync($"usage: {name} BASE-URL [--repeat N]").ConfigureAwait(false);
            return 2;
        }

        var baseUri = new Uri(args[0]);
        int repeat = args.Length == 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        using var process = Process.GetCurrentProcess();
        for (int i = 1; i <= repeat; i++)
        {
            process.Refresh();
            var before = process.TotalProcessorTime;
            var (characters, updates) = await readOnce(baseUri).ConfigureAwait(false);
            process.Refresh();
            double cpuMs = (process.TotalProcessorTime - before).TotalMilliseconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} run={i} characters={characters} updates={updates} cpu_ms={cpuMs:F1}"));
        }

        return 0;
    }
}
