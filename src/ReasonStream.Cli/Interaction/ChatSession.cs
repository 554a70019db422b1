using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Rendering;
using ReasonStream.Cli.Terminal;

namespace ReasonStream.Cli.Interaction;

/// <summary>
/// The prompt loop's state for Ctrl+C: while an answer streams, Ctrl+C cancels it; at the prompt, the first
/// Ctrl+C explains how to quit and the second quits.
/// </summary>
internal sealed class ChatSession(ConsoleTarget stdout, ConsoleTarget stderr, Configuration.OutputSettings output)
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _answer;
    private bool _quitArmed;

    public string? ReadPrompt(bool interactive)
    {
        if (interactive)
        {
            stdout.Writer.Flush();
            stderr.Writer.Write(Ansi.Style(stderr.Color && !output.NoColor, Ansi.Bold + Ansi.Cyan, "› "));
            stderr.Writer.Flush();
        }

        if (Output.StandardOutputs.InputClosed) return null;

        // A redirected stdin is read line by line with a bound (a file of prompts; never an endless line).
        string? line = interactive ? Console.In.ReadLine() : PromptReader.ReadLineBounded(Console.In, PromptReader.MaxStdinCharacters);
        lock (_gate) _quitArmed = false;
        return line?.Trim();
    }

    /// <summary>The answer now streaming (Ctrl+C cancels it), or null at the prompt.</summary>
    public void Track(CancellationTokenSource? answer)
    {
        lock (_gate) _answer = answer;
    }

    /// <summary>True after SIGTERM: the session ends once the current answer is cancelled and logged.</summary>
    public bool Terminating { get; private set; }

    public void OnInterrupt() => OnSignal(System.Runtime.InteropServices.PosixSignal.SIGINT);

    /// <summary>SIGINT cancels the answer (or, twice at the prompt, quits); SIGTERM cancels it and ends the session, exit 143.</summary>
    public void OnSignal(System.Runtime.InteropServices.PosixSignal signal)
    {
        lock (_gate)
        {
            if (signal == System.Runtime.InteropServices.PosixSignal.SIGTERM)
            {
                Terminating = true;
                if (_answer is { IsCancellationRequested: false } streaming) streaming.Cancel();
                else if (_answer is null) Environment.Exit(ExitCodes.Terminated); // at the prompt: nothing to keep
                return;
            }

            if (_answer is { IsCancellationRequested: false } answer)
            {
                answer.Cancel();
                return;
            }

            if (_quitArmed) Environment.Exit(ExitCodes.Interrupted);
            _quitArmed = true;
        }

        stderr.Writer.Write("\n" + Ansi.Style(stderr.Color, Ansi.Dim, "(Ctrl+C again, /exit or Ctrl+D to quit)") + "\n");
        stderr.Writer.Write(Ansi.Style(stderr.Color, Ansi.Bold + Ansi.Cyan, "› "));
        stderr.Writer.Flush();
    }
}
