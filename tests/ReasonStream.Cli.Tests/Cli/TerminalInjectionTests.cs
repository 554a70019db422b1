using System.Text.RegularExpressions;
using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary>
/// A hostile server against a real terminal (a pseudo-terminal): whatever text it controls — reasoning, answer, tool-call
/// names, arguments and ids, the error body of a failed request (JSON and HTML), an error inside the stream, an error code —
/// no control sequence of its own reaches the terminal. With colour, only the CLI's own styling and cursor moves do.
/// </summary>
public sealed partial class TerminalInjectionTests
{
    /// <summary>Retitle the window (OSC 0), a hidden link (OSC 8), set the clipboard (OSC 52), clear the screen, a C1 CSI, a C1 OSC.</summary>
    private const string Hostile = "\u001b]0;PWNED\u0007\u001b]8;;http://evil.example/\u0007link\u001b]8;;\u0007\u001b]52;c;cm0gLXJmIH4=\u0007\u001b[2J\u009b31m\u009d0;C1\u009c";

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (string scenario in (string[])["model text", "tool call", "json error body", "html error body", "in-stream error", "error code"])
        {
            data.Add(scenario, true);
            data.Add(scenario, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task No_control_sequence_from_the_server_reaches_the_terminal(string scenario, bool color)
    {
        using var sandbox = new Sandbox().WithKey();
        if (color) sandbox.Environment["NO_COLOR"] = null;
        await using var server = await ReplayServer.StartAsync(Response(scenario));

        var result = await sandbox.RunInTerminalAsync(LiveServer.Args(server, "Q"));

        Assert.Contains(scenario is "model text" or "tool call" ? "PWNED" : "error", result.Stdout); // the text itself is shown, harmlessly
        Assert.DoesNotContain("\u001b]", result.Stdout);        // no OSC: title, link, clipboard
        Assert.DoesNotContain("\u001b[2J", result.Stdout);      // no clearing the screen
        Assert.DoesNotContain('\u0007', result.Stdout);          // no BEL
        Assert.DoesNotMatch("[\u0080-\u009f]", result.Stdout); // no C1 controls
        if (!color)
        {
            Assert.DoesNotContain('\u001b', result.Stdout);
        }
        else
        {
            // Every escape is the CLI's own: SGR styling, cursor moves, clearing its own line and what is below the status,
            // saving and restoring the cursor around the status line (ESC 7, ESC 8, index ESC D, reverse index ESC M), and
            // auto-wrap off and on around the status line (ESC [?7l, ESC [?7h), and the synchronized-update brackets of the markdown view.
            string others = OwnSequences().Replace(result.Stdout, "");
            Assert.DoesNotContain('\u001b', others);
        }
    }

    [GeneratedRegex("\u001b(?:\\[(?:[0-9;]*[mABCDGKJ]|2K|\\?2026[hl]|\\?7[hl])|[D78M])")]
    private static partial Regex OwnSequences();

    private static ReplayResponse Response(string scenario) => scenario switch
    {
        "model text" => Streams.Known(reasoning: "think " + Hostile, answer: "answer " + Hostile),
        "tool call" => Streams.Reply().Reasoning("plan").ToolCall("call_" + Hostile, "get" + Hostile, "{\"q\":" + Json(Hostile) + "}").ToResponse(),
        "json error body" => ReplayResponse.Error(400, "{\"error\":{\"message\":" + Json("bad request " + Hostile) + ",\"type\":\"invalid_request_error\"}}"),
        "html error body" => ReplayResponse.Error(502, "<html><body>error " + Hostile + "</body></html>", "text/html"),
        "in-stream error" => Streams.Known().InjectAfterEvents(3, "data: {\"error\":{\"message\":" + Json("upstream error " + Hostile) + "}}\n\n", dropRest: true),
        "error code" => ReplayResponse.Error(400, "{\"error\":{\"message\":\"rejected\",\"code\":" + Json("code" + Hostile) + "}}"),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };
}
