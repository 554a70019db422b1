using System.Runtime.InteropServices;

namespace ReasonStream.Cli.Interaction;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM as a callback instead of an abrupt exit, so the stream is cancelled, what
/// arrived is kept and logged, and the process exits 130 on its own terms.
/// </summary>
internal sealed class InterruptSignal : IDisposable
{
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public InterruptSignal(Action onInterrupt)
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);

        void Handle(PosixSignalContext context)
        {
            context.Cancel = true;
            onInterrupt();
        }
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
    }
}
