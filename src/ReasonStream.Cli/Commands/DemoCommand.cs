using System.CommandLine;
using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Demo;
using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Interaction;
using ReasonStream.Cli.Rendering;
using ReasonStream.Cli.Streaming;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Commands;

/// <summary>
/// `reason demo`: the real client streams a scripted two-turn DeepSeek session from a replay server on
/// 127.0.0.1 — no network, no key — so a new user sees thinking and answer arrive live.
/// </summary>
internal static class DemoCommand
{
    public const string Banner = "demo: replaying a scripted DeepSeek-format stream on 127.0.0.1, no network, no key";

    public static Command Create()
    {
        var command = new Command("demo", "Watch a scripted two-turn DeepSeek-format session stream from a replay server on 127.0.0.1 (no network, no key)");
        var output = new PlaybackOptions();
        output.AddTo(command);
        command.SetAction((parse, _) => CommandGuard.RunAsync(() => RunAsync(output.Read(parse)), noColor: parse.GetValue(output.NoColor)));
        return command;
    }

    private static async Task<int> RunAsync(PlaybackSettings playback)
    {
        var stdout = ConsoleTarget.StandardOutput(playback.Output.NoColor);
        var stderr = ConsoleTarget.StandardError(playback.Output.NoColor);
        var messages = new MessagePrinter(stderr);
        var script = DemoScript.Turns.Select((turn, i) => ScriptedStream.Build(turn, i, playback.Speed, playback.FullSpeed));
        await using var server = await ReplayServer.StartAsync(script);
        var endpoint = LoopbackEndpoint.For(server, Providers.DeepSeek, DemoScript.Model);
        using var lease = ClientFactory.Create(endpoint, LoopbackEndpoint.Settings);
        using var cancel = new CancellationTokenSource();
        using var interrupt = new InterruptSignal(cancel.Cancel);

        messages.Note(Banner);
        var conversation = new Conversation(Providers.DeepSeek);
        for (int i = 0; i < DemoScript.Turns.Count; i++)
        {
            var turn = DemoScript.Turns[i];
            stderr.Writer.Write("\n" + Ansi.Style(stderr.Color, Ansi.Bold + Ansi.Cyan, "› ") + Ansi.Style(stderr.Color, Ansi.Bold, turn.Question) + "\n\n");
            stderr.Writer.Flush();
            conversation.AddUser(turn.Question);
            var request = new ExchangeRequest(endpoint, LoopbackEndpoint.Settings, conversation.ToRequestMessages(), turn.Question, null, "demo", i + 1);
            using IExchangeRenderer renderer = playback.CreateRenderer(stdout, stderr);
            var outcome = await ExchangeRunner.RunAsync(lease, request, renderer, log: null, cancel.Token);
            if (outcome.ExitCode != ExitCodes.Ok) return outcome.ExitCode;
            conversation.AddAssistant(outcome.Result);
        }

        if (!playback.Output.Json) messages.Note(HistoryNote(server));
        messages.Note("demo: done. Try it for real: export DEEPSEEK_API_KEY=…, then reason \"your question\"");
        messages.Note("      (from the source tree: dotnet run --project src/ReasonStream.Cli -- \"your question\")");
        return ExitCodes.Ok;
    }

    /// <summary>Shows the history rule at work: the second request carried the first answer but not its reasoning.</summary>
    private static string HistoryNote(ReplayServer server)
    {
        if (server.Requests.Count < 2) return "";
        string body = server.Requests[1].Body;
        bool sentReasoning = body.Contains("\"reasoning_content\"", StringComparison.Ordinal);
        return sentReasoning
            ? "demo: the second request carried the earlier reasoning back."
            : "demo: the second request sent the first answer back without its reasoning, as DeepSeek's history rule asks.";
    }
}
