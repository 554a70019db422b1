using System.Globalization;
using ReasonStream.Scale;

// dotnet run -c Release --project bench/ReasonStream.Scale -- [--streams 1000] [--sync-callers 500] [--chunks 200] [--interval-ms 50] [--sync-chunks 40]
// (--streams 0 runs only the synchronous callers)
// The servers run in a child process (this program with --serve), so what is measured is the client process alone.
if (args is ["--serve", ..]) return await StreamServers.ServeAsync(args[1..]);

var settings = ScaleSettings.Parse(args);
return await ScaleRun.RunAsync(settings);
