using System.CommandLine;
using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Demo;
using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Exchange;
using ReasonStream.Cli.Interaction;
using ReasonStream.Cli.Rendering;
using ReasonStream.Cli.Streaming;
using ReasonStream.Testing;
using ReasonStream.Cli.Terminal;

namespace ReasonStream.Cli.Commands;

/// <summary>
/// `reason demo`: the real client streams a scripted two-turn DeepSeek session from a replay server on
/// 127.0.0.1 — no network, no key — so a new user sees thinking and answer arrive live.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Watch a scripted two-turn session stream from a replay server on 127.0.0.1 through the real client (no network, no key); --api picks whose wire format");
        var api = ApiOption.Create("The wire format to replay: chat (DeepSeek, the default), responses (OpenAI), anthropic, gemini or ollama");
        var output = new PlaybackOptions();
        command.Add(api);
        output.AddTo(command);
        command.SetAction((parse, _) => CommandGuard.RunAsync(
            signals => RunAsync(DemoTarget.For(ApiOption.Read(parse.GetValue(api)) ?? WireProtocol.ChatCompletions), output.Read(parse), signals), noColor: parse.GetValue(output.NoColor)));
        return command;
    }

    public static string Banner(DemoTarget target) =>
        $"demo: replaying a scripted {target.Preset.DisplayName} stream ({WireProtocols.Describe(target.Protocol)}) on 127.0.0.1, no network, no key";

    private static async Task<int> RunAsync(DemoTarget target, PlaybackSettings playback, TerminationSignals signals)
    {
        var stdout = ConsoleTarget.StandardOutput(playback.Output.NoColor);
        var stderr = ConsoleTarget.StandardError(playback.Output.NoColor);
        var messages = new MessagePrinter(stderr);
        var script = DemoScript.Turns.Select((turn, i) => ScriptedStream.Build(turn, i, target, playback.Speed, playback.FullSpeed));
        await using var server = await ReplayServer.StartAsync(script);
        var endpoint = LoopbackEndpoint.For(server, target.Preset, target.Model, target.Protocol);
        using var lease = ClientFactory.Create(endpoint, LoopbackEndpoint.Settings);

        messages.Note(Banner(target));
        var conversation = new Conversation(endpoint.HistoryRule);
        for (int i = 0; i < DemoScript.Turns.Count; i++)
        {
            var turn = DemoScript.Turns[i];
            stderr.Writer.Write("\n" + Ansi.Style(stderr.Color, Ansi.Bold + Ansi.Cyan, "› ") + Ansi.Style(stderr.Color, Ansi.Bold, turn.Question) + "\n\n");
            stderr.Writer.Flush();
            conversation.AddUser(turn.Question);
            var request = new ExchangeRequest(endpoint, LoopbackEndpoint.Settings, conversation.ToRequestMessages(), turn.Question, null, "demo", i + 1);
            using IExchangeRenderer renderer = playback.CreateRenderer(stdout, stderr);
            var outcome = await ExchangeRunner.RunAsync(lease, request, renderer, log: null, signals, signals.Token);
            if (outcome.ExitCode != ExitCodes.Ok) return outcome.ExitCode;
            conversation.AddAssistant(outcome.Result);
        }

        if (!playback.Output.Json) messages.Note(HistoryNote(conversation, target));
        string provider = target.Preset == Providers.DeepSeek ? "" : $"--provider {target.Preset.Name} ";
        string key = target.Preset.ApiKeyVariable is { } variable ? $"export {variable}=…, then " : "";
        messages.Note($"demo: done. Try it for real: {key}reason {provider}\"your question\"");
        messages.Note($"      (from the source tree: dotnet run --project src/ReasonStream.Cli -- {provider}\"your question\")");
        return ExitCodes.Ok;
    }

    /// <summary>Shows the history rule at work: what the second request carried of the first answer's reasoning.</summary>
    private static string HistoryNote(Conversation conversation, DemoTarget target)
    {
        // Chat completions and Ollama send reasoning as text; the native protocols only as their own signed blocks.
        bool sentReasoning = conversation.ToRequestMessages().Any(m => m.Role == MessageRole.Assistant && target.Protocol switch
        {
            WireProtocol.ChatCompletions or WireProtocol.OllamaChat => !string.IsNullOrEmpty(m.ReasoningContent),
            _ => m.ReasoningBlocks?.Any(b => b.Protocol == target.Protocol) == true,
        });
        string rule = $"{target.Preset.DisplayName}'s rule for {WireProtocols.Describe(target.Protocol)}";
        return sentReasoning
            ? $"demo: the follow-up sends the first answer back with its reasoning, as {rule} requires."
            : $"demo: the follow-up sends the first answer back without its reasoning, as {rule} allows.";
    }
}
