using System.Globalization;
using ReasonStream.Benchmarks;
using ReasonStream.Testing;

namespace ReasonStream.Scale;

/// <summary>
/// The child process: three replay servers on loopback — paced streams (one chunk every interval), streams whose
/// body never starts (idle waiting for the first token), and short paced streams for the sync callers. Prints their
/// addresses, one a line, and runs until its standard input closes.
/// </summary>
internal static class StreamServers
{
    public static async Task<int> ServeAsync(string[] args)
    {
        int chunks = int.Parse(args[0], CultureInfo.InvariantCulture);
        var interval = TimeSpan.FromMilliseconds(int.Parse(args[1], CultureInfo.InvariantCulture));
        int syncChunks = int.Parse(args[2], CultureInfo.InvariantCulture);
        var repeat = new ReplayServerOptions { WhenScriptExhausted = ExhaustedScriptBehavior.RepeatLastResponse };

        var paced = ReplayResponse.FromBytes(DeepSeekStream.Build(chunks)) with { Pacing = ReplayPacing.DelayBetweenEvents(interval) };
        var idle = ReplayResponse.FromBytes(DeepSeekStream.Build(chunks)) with { DelayBeforeBody = TimeSpan.FromMinutes(10) };
        var sync = ReplayResponse.FromBytes(DeepSeekStream.Build(syncChunks)) with { Pacing = ReplayPacing.DelayBetweenEvents(interval) };
        await using var pacedServer = await ReplayServer.StartAsync([paced], repeat);
        await using var idleServer = await ReplayServer.StartAsync([idle], repeat);
        await using var syncServer = await ReplayServer.StartAsync([sync], repeat);
        Console.WriteLine(pacedServer.BaseUri);
        Console.WriteLine(idleServer.BaseUri);
        Console.WriteLine(syncServer.BaseUri);
        await Console.In.ReadToEndAsync();
        return 0;
    }
}
