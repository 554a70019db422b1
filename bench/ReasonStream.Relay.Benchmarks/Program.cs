using ReasonStream.Relay.Benchmarks;

// Load benchmark of the relay (not a test): N followers across two instances sharing a real redis-server on loopback.
//   dotnet run -c Release --project bench/ReasonStream.Relay.Benchmarks -- [--followers 1000] [--streams 10] [--pieces 300] [--interval-ms 20] [--store redis|memory]
// Prints: lost/duplicated events (must be 0), added latency per piece p50/p99/max, memory per stream. Results: docs/performance.md.
var settings = LoadSettings.Parse(args);
return await LoadRun.RunAsync(settings);
