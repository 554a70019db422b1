using BenchmarkDotNet.Running;
using ReasonStream.Benchmarks;

// dotnet run -c Release --project bench/ReasonStream.Benchmarks -- [BenchmarkDotNet args]
// dotnet run -c Release --project bench/ReasonStream.Benchmarks -- --peak 1000000
if (args is ["--peak", var count]) return await PeakMemory.RunAsync(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
BenchmarkSwitcher.FromAssembly(typeof(StreamingBenchmarks).Assembly).Run(args);
return 0;
