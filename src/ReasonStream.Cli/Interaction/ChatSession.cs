using System.Runtime.InteropServices;
using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Rendering;
using ReasonStream.Cli.Terminal;

namespace ReasonStream.Cli.Interaction;

/// <summary>
/// The session's state for Ctrl+C and SIGTERM: while a reply streams, Ctrl+C (SIGINT, the terminal being back in its
/// ordinary mode) stops that reply only; at the prompt, the first Ctrl+C says how to quit and the second quits (130).
/// SIGTERM stops the reply and ends the session (143).
/// </summary>
internal sealed class ChatSession(ConsoleTarget stderr)
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _answer;
    private bool _quitArmed;

    /// <summary>True after SIGTERM: the session ends once the current answer is cancelled and logged.</summary>
    public bool Terminating { get; private set; }

    /// <summary>The answer now streaming (Ctrl+C cancels it), or null at the prompt.</summary>
    public void Track(CancellationTokenSource? answer)
    {
        lock (_gate) _answer = answer;
    }

    /// <summary>A prompt was read: the next Ctrl+C at the prompt only explains again.</summary>
    public void Disarm()
    {
        lock (_gate) _quitArmed = false;
    }

    /// <summary>Ctrl+C at the prompt (a key in the editor, or SIGINT): true when it is the second, and the session ends.</summary>
    public bool InterruptAtPrompt()
    {
        lock (_gate)
        {
            if (_quitArmed) return true;
            _quitArmed = true;
        }

        stderr.Writer.Write(Ansi.Style(stderr.Color, Ansi.Dim, "(Ctrl+C again, /exit or Ctrl+D to quit)") + "\n");
        stderr.Writer.Flush();
        return false;
    }

    /// <summary>SIGINT cancels the answer (or, twice at the prompt, quits); SIGTERM cancels it and ends the session, exit 143.</summary>
    public void OnSignal(PosixSignal signal)
    {
        lock (_gate)
        {
            if (signal == PosixSignal.SIGTERM)
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
        }

        stderr.Writer.Write("\n");
        if (InterruptAtPrompt()) Environment.Exit(ExitCodes.Interrupted);
    }
}
