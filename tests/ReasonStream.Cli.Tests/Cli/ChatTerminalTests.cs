using System.Text.Json.Nodes;
using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary>
/// `reason chat` typed into a real pseudo-terminal: the line editor's keys, history across sessions, pastes and multi-line
/// prompts, Ctrl+C and Ctrl+D — checked by what reaches the server. Each step waits for the prompt or the answer on screen.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ChatTerminalTests
{
    private const string Prompt = "› ";

    [Fact]
    public async Task Editing_keys_shape_the_prompt_that_is_sent()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Enumerable.Range(1, 5).Select(i => Streams.Known(answer: $"Answer {i}.")).ToArray());

        var result = await sandbox.RunTypedAsync(["chat", .. LiveServer.Args(server)], async (_, output, keys) =>
        {
            await Turn(output, keys, "world" + Keyboard.CtrlA + "hello " + Keyboard.CtrlE + "!", "Answer 1.");
            await Turn(output, keys, "foo bar baz" + Keyboard.CtrlW + "qux", "Answer 2.");
            await Turn(output, keys, "abc" + Keyboard.CtrlU + "xyz" + Keyboard.Left + Keyboard.Left + "-", "Answer 3.");
            await Turn(output, keys, "one two three" + Keyboard.AltB + Keyboard.CtrlK + "3", "Answer 4.");
            await Turn(output, keys, "a\u001ab\u001cc\u0000d", "Answer 5."); // control keys that mean nothing are not text
            await keys.TypeAsync(Keyboard.CtrlD);
        });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["hello world!", "foo bar qux", "x-yz", "one two 3", "abcd"], server.Requests.Select(LastUserMessage));
    }

    [Fact]
    public async Task History_is_kept_across_sessions_for_the_up_arrow_and_ctrl_r()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Enumerable.Range(1, 4).Select(i => Streams.Known(answer: $"Answer {i}.")).ToArray());
        string[] args = ["chat", .. LiveServer.Args(server)];

        await sandbox.RunTypedAsync(args, async (_, output, keys) =>
        {
            await Turn(output, keys, "the first question", "Answer 1.");
            await Turn(output, keys, "another one", "Answer 2.");
            await keys.TypeAsync(Keyboard.CtrlD);
        });
        var second = await sandbox.RunTypedAsync(args, async (_, output, keys) =>
        {
            await Turn(output, keys, Keyboard.Up + Keyboard.Up, "Answer 3.");                 // two back: the first question
            await Turn(output, keys, Keyboard.CtrlR + "anoth", "Answer 4.");                  // Ctrl+R finds it, Enter sends it
            await keys.TypeAsync(Keyboard.CtrlD);
        });

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(["the first question", "another one", "the first question", "another one"], server.Requests.Select(LastUserMessage));
        string historyFile = Path.Combine(sandbox.DataDir, "chat_history");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(historyFile));
    }

    [Fact]
    public async Task A_paste_and_a_triple_quoted_prompt_each_send_several_lines_as_one_prompt()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Enumerable.Range(1, 3).Select(i => Streams.Known(answer: $"Answer {i}.")).ToArray());

        var result = await sandbox.RunTypedAsync(["chat", .. LiveServer.Args(server)], async (_, output, keys) =>
        {
            await Turn(output, keys, Keyboard.Paste("line one\r\nline two\n\ttabbed"), "Answer 1.");
            await keys.TypeAsync("\"\"\"" + Keyboard.Enter + "first" + Keyboard.Enter + "second" + Keyboard.Enter);
            await Turn(output, keys, "\"\"\"", "Answer 2.");
            await Turn(output, keys, "top" + Keyboard.AltEnter + "bottom", "Answer 3.");
            await keys.TypeAsync(Keyboard.CtrlD);
        });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["line one\nline two\n\ttabbed", "first\nsecond", "top\nbottom"], server.Requests.Select(LastUserMessage));
    }

    [Fact]
    public async Task Ctrl_C_stops_the_reply_and_not_the_session_and_Ctrl_D_ends_it_with_0()
    {
        using var sandbox = new Sandbox().WithKey();
        var stalled = Streams.Known(reasoning: "Thinking hard. " + new string('x', 40), answer: "never");
        await using var server = await ReplayServer.StartAsync(stalled with { StallAfterBytes = stalled.Body.Length / 3 }, Streams.Known(answer: "Second answer."));

        var result = await sandbox.RunTypedAsync(["chat", .. LiveServer.Args(server)], async (_, output, keys) =>
        {
            await output.WaitUntilAsync(o => o.StdoutText.Contains(Prompt, StringComparison.Ordinal));
            await keys.TypeAsync("first" + Keyboard.Enter);
            await output.WaitUntilAsync(o => o.StdoutText.Contains("Thinking hard", StringComparison.Ordinal));
            await keys.TypeAsync(Keyboard.CtrlC); // the terminal is in its ordinary mode while the reply streams: SIGINT
            await output.WaitUntilAsync(o => o.StdoutText.Contains("interrupted", StringComparison.Ordinal));
            await Turn(output, keys, "second", "Second answer.");
            await keys.TypeAsync(Keyboard.CtrlD);
        });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(ResponseOutcome.ClientDisconnected, await server.Requests[0].Outcome.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Ctrl_C_twice_at_an_empty_prompt_quits_with_130()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(Streams.Known());

        var result = await sandbox.RunTypedAsync(["chat", .. LiveServer.Args(server)], async (_, output, keys) =>
        {
            await output.WaitUntilAsync(o => o.StdoutText.Contains(Prompt, StringComparison.Ordinal));
            await keys.TypeAsync("typed then dropped" + Keyboard.CtrlC); // a line with text is only cleared
            await keys.TypeAsync(Keyboard.CtrlC);
            await output.WaitUntilAsync(o => o.StdoutText.Contains("Ctrl+C again", StringComparison.Ordinal));
            await keys.TypeAsync(Keyboard.CtrlC);
        });

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Empty(server.Requests);
    }

    /// <summary>Waits for the prompt, types <paramref name="keys"/> and Enter, and waits for <paramref name="answer"/> and the next prompt after it.</summary>
    private static async Task Turn(RunningOutput output, Keyboard keyboard, string keys, string answer)
    {
        await output.WaitUntilAsync(o => o.StdoutText.Contains(Prompt, StringComparison.Ordinal));
        int answers = Count(output.StdoutText, answer);
        await keyboard.TypeAsync(keys + Keyboard.Enter);
        // The editor draws the prompt again with every key: the prompt that counts is the one drawn after the answer.
        await output.WaitUntilAsync(o => Count(o.StdoutText, answer) > answers &&
            o.StdoutText.LastIndexOf(Prompt, StringComparison.Ordinal) > o.StdoutText.LastIndexOf(answer, StringComparison.Ordinal));
    }

    private static int Count(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    private static string? LastUserMessage(RecordedRequest request) =>
        (string?)request.BodyAsJson()!["messages"]!.AsArray().Last(m => (string?)m!["role"] == "user")!["content"];
}
