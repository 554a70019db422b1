using System.Globalization;
using ReasonStream.Latency;

// dotnet run -c Release --project bench/ReasonStream.Latency -- [--deltas 200] [--interval-ms 10] [--rounds 6] [--cli PATH [--cli PATH2]] [--csv FILE]
// Per-delta latency on a paced stream: from the replay server releasing a delta's write to the delta in the consumer's
// hands, for ReasonStream and for floors that read the same transport without its parsing. A measurement, not a test.
if (args is ["--serve", var deltas, var interval]) return await ServerProcess.ServeAsync(int.Parse(deltas, CultureInfo.InvariantCulture), TimeSpan.FromMilliseconds(int.Parse(interval, CultureInfo.InvariantCulture)));
if (args is ["--floor-child", var url]) return await FloorChild.RunAsync(new Uri(url));

return await LatencyRun.RunAsync(LatencySettings.Parse(args));
