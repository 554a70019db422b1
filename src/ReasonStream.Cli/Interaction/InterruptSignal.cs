using System.Runtime.InteropServices;
using ReasonStream.Cli.Errors;

namespace ReasonStream.Cli.Interaction;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM as a callback instead of an abrupt exit, so the stream is cancelled, what
/// arrived is kept and logged, and the process exits on its own terms: 130 after SIGINT, 143 after SIGTERM
/// (128 + the signal's number, the shell's convention).
/// </summary>
internal sealed class InterruptSignal : IDisposable
{
    private static int s_exitCode = ExitCodes.Interrupted;
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public InterruptSignal(Action onInterrupt)
        : this(_ => onInterrupt())
    {
    }

    public InterruptSignal(Action<PosixSignal> onSignal)
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);

        void Handle(PosixSignalContext context)
        {
            context.Cancel = true;
            Volatile.Write(ref s_exitCode, context.Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted);
            onSignal(context.Signal);
        }
    }

    /// <summary>The exit code of the latest interruption: 143 after SIGTERM, else 130.</summary>
    public static int ExitCode => Volatile.Read(ref s_exitCode);

    /// <summary>True when the latest interruption was SIGTERM.</summary>
    public static bool Terminated => ExitCode == ExitCodes.Terminated;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
    }
}
