using System.Globalization;
using ReasonStream.Benchmarks;
using ReasonStream.Testing;

// stream-server [CHUNKS]: serves the CHUNKS-chunk DeepSeek stream (default 100,000) at full speed to every request,
// prints its base address and the body's size, and runs until its standard input closes.
int chunks = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
byte[] body = DeepSeekStream.Build(chunks);
var response = ReplayResponse.FromBytes(body);
await using var server = await ReplayServer.StartAsync([response], new ReplayServerOptions { WhenScriptExhausted = ExhaustedScriptBehavior.RepeatLastResponse });
Console.WriteLine(server.BaseUri);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bytes={body.Length} chunks={chunks}"));
await Console.In.ReadToEndAsync();
