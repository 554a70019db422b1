using System.CommandLine;
using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Demo;
using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Exchange;
using ReasonStream.Cli.Interaction;
using ReasonStream.Cli.Rendering;
using ReasonStream.Cli.Streaming;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Commands;

/// <summary>
/// `reason replay FILE`: serves a recorded stream from a replay server on 127.0.0.1 and reads it with the real
/// client, through the same renderer as a live answer, paced by its .timing sidecar when there is one.
/// </summary>
internal static class ReplayCommand
{
    private static readonly TimeSpan DefaultEventGap = TimeSpan.FromMilliseconds(25);

    public static Command Create()
    {
        var command = new Command("replay", "Play a recorded stream of any protocol (.sse, .chunks.jsonl, or Ollama .ndjson) through the real client and renderer, at its recorded pace when FILE.timing exists");
        var file = new Argument<string>("file") { Description = "A recorded response body: .sse (as streamed: chat completions, Responses, Anthropic or Gemini events), .chunks.jsonl (one chat chunk per line) or .ndjson (Ollama native)" };
        var provider = new Option<string?>("--provider") { Description = "Read it with this preset's reasoning dialect (default: detect)", HelpName = "NAME" };
        var api = ApiOption.Create("The protocol the recording speaks (default: detected from its first event)");
        var playback = new PlaybackOptions();
        command.Add(file);
        command.Add(provider);
        command.Add(api);
        var dialect = DialectOption.Create();
        command.Add(dialect);
        playback.AddTo(command);
        command.SetAction((parse, _) => CommandGuard.RunAsync(
            signals => RunAsync(parse.GetValue(file)!, parse.GetValue(provider), ApiOption.Read(parse.GetValue(api)), DialectOption.Read(parse.GetValue(dialect)), playback.Read(parse), signals), noColor: parse.GetValue(playback.NoColor)));
        return command;
    }

    private static async Task<int> RunAsync(string path, string? providerName, WireProtocol? api, ReasoningDialect? dialect, PlaybackSettings playback, TerminationSignals signals)
    {
        var stdout = ConsoleTarget.StandardOutput(playback.Output.NoColor);
        var stderr = ConsoleTarget.StandardError(playback.Output.NoColor);
        var preset = providerName is null
            ? new ProviderPreset("replay", "http://127.0.0.1/") { DisplayName = "Recorded stream" }
            : Providers.Find(providerName) ?? throw new CliException(ExitCodes.Usage, $"Unknown provider '{providerName}'.", "see `reason providers`");
        var response = Load(path, playback);
        // The recording's protocol is known before anything is served: read it off its first event.
        var protocol = api ?? RecordedProtocol.Detect(response.Body.Span) ?? throw new CliException(ExitCodes.Usage,
            $"{path} does not start like a stream ReasonStream reads.", "pass --api chat|responses|anthropic|gemini|ollama to say which protocol it is");

        await using var server = await ReplayServer.StartAsync(response);
        var endpoint = LoopbackEndpoint.For(server, preset, "replay", protocol);
        using var lease = ClientFactory.Create(endpoint, LoopbackEndpoint.Settings with { Dialect = dialect });
        var request = new ExchangeRequest(endpoint, LoopbackEndpoint.Settings, [Message.User("(replay)")], "(replay)", null, "replay", 1);
        using IExchangeRenderer renderer = playback.CreateRenderer(stdout, stderr);
        var outcome = await ExchangeRunner.RunAsync(lease, request, renderer, log: null, signals, signals.Token);
        return outcome.ExitCode;
    }

    private static ReplayResponse Load(string path, PlaybackSettings playback)
    {
        if (!File.Exists(path)) throw new CliException(ExitCodes.Usage, $"No such file: {path}", "pass a .sse file saved with --record, a .chunks.jsonl capture, or an Ollama .ndjson stream");
        ReplayResponse response;
        try
        {
            response = path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? ReplayResponse.FromChunksJsonl(path)
                : path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) ? ReplayResponse.FromSseFile(path) with { ContentType = "application/x-ndjson" } // Ollama's native API
                : ReplayResponse.FromSseFile(path);
        }
        catch (IOException e)
        {
            throw new CliException(ExitCodes.Usage, $"Cannot read {path}: {e.Message}", null);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CliException(ExitCodes.Usage, $"Cannot read {path}: {e.Message}", null);
        }

        if (playback.FullSpeed) return response;
        string sidecar = StreamTiming.SidecarPathFor(path);
        ReplayPacing pacing;
        try
        {
            pacing = File.Exists(sidecar) ? ReplayPacing.Recorded(StreamTiming.Load(sidecar)) : ReplayPacing.DelayBetweenEvents(DefaultEventGap);
        }
        catch (FormatException e)
        {
            throw new CliException(ExitCodes.Usage, $"The timing file {sidecar} is not valid: {e.Message}", "delete it to replay at an even pace");
        }

        return response with { Pacing = pacing with { SpeedFactor = playback.Speed } };
    }
}
