using System.Runtime.InteropServices;
using ReasonStream.Cli.Errors;

namespace ReasonStream.Cli.Interaction;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM for one command: the first cancels (what arrived is kept and logged, and the process exits on
/// its own terms: 130 after SIGINT, 143 after SIGTERM, 128 + the signal's number as shells count), a second one of a one-shot
/// command exits at once. Which signal came is this instance's state, read by the exchange that it cancelled.
/// <para>
/// System.CommandLine has a termination token too, but it cannot say which signal cancelled it (the exit code and the log's
/// <c>error_kind</c> depend on it), its handler blocks its signal thread for the whole grace period (so a second handler's
/// note could come after the command had already decided), and once cancelled it stays cancelled, where `reason chat`
/// cancels one reply at a time. So the CLI registers once, here, and System.CommandLine's handler is left off.
/// </para>
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private readonly Action<PosixSignal>? _onSignal;
    private int _exitCode;

    /// <summary>A one-shot command: the first signal cancels <see cref="Token"/>, a second exits at once.</summary>
    public TerminationSignals()
        : this(onSignal: null)
    {
    }

    /// <summary>A session (`reason chat`): every signal goes to <paramref name="onSignal"/>, which decides what it stops.</summary>
    public TerminationSignals(Action<PosixSignal>? onSignal)
    {
        _onSignal = onSignal;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    /// <summary>Cancelled by the first signal (one-shot commands).</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>The exit code of the latest signal: 143 after SIGTERM, else 130 (also when nothing was received).</summary>
    public int ExitCode => Volatile.Read(ref _exitCode) is 0 ? ExitCodes.Interrupted : _exitCode;

    /// <summary>True when the latest signal was SIGTERM.</summary>
    public bool Terminated => Volatile.Read(ref _exitCode) == ExitCodes.Terminated;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _cancel.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        int code = context.Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;
        int before = Interlocked.Exchange(ref _exitCode, code);
        if (_onSignal is not null)
        {
            _onSignal(context.Signal);
            return;
        }

        // A second signal: the first did not end things quickly enough for the person waiting.
        if (before != 0) Environment.Exit(code);
        _cancel.Cancel();
    }
}
