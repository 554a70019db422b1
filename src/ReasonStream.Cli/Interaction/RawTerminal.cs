using System.Runtime.InteropServices;

namespace ReasonStream.Cli.Interaction;

/// <summary>
/// The terminal on stdin in raw mode while a person types: every key arrives as its bytes at once (no line buffering, no
/// echo, Ctrl+C and Ctrl+D as bytes rather than a signal or the end of input), so the line editor decides what each does.
/// The settings in force before are restored on <see cref="Dispose"/>. The platform's own <c>cfmakeraw</c> sets the flags,
/// so the termios layout (which differs between Linux and macOS) stays opaque here.
/// </summary>
internal sealed partial class RawTerminal : IDisposable
{
    private const int StandardInput = 0;
    private const int TcsaNow = 0;
    private const int TermiosBytes = 256; // larger than Linux's (60) and macOS's (72) struct termios

    private readonly byte[] _saved;
    private bool _restored;

    private RawTerminal(byte[] saved) => _saved = saved;

    /// <summary>Raw mode on stdin; null when stdin is no terminal (or the platform has no termios).</summary>
    public static RawTerminal? Enter()
    {
        if (OperatingSystem.IsWindows()) return null;
        try
        {
            byte[] saved = new byte[TermiosBytes];
            if (GetAttributes(StandardInput, saved) != 0) return null;
            byte[] raw = (byte[])saved.Clone();
            MakeRaw(raw);
            return SetAttributes(StandardInput, TcsaNow, raw) == 0 ? new RawTerminal(saved) : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>True when stdin is a terminal (raw mode could be entered).</summary>
    public static bool IsTerminal(int fd = StandardInput)
    {
        if (OperatingSystem.IsWindows()) return !Console.IsInputRedirected;
        try
        {
            return IsATty(fd) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (_restored) return;
        _restored = true;
        _ = SetAttributes(StandardInput, TcsaNow, _saved);
    }

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static partial int GetAttributes(int fd, [Out] byte[] termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    private static partial int SetAttributes(int fd, int when, byte[] termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    private static partial void MakeRaw([In, Out] byte[] termios);

    [LibraryImport("libc", EntryPoint = "isatty")]
    private static partial int IsATty(int fd);
}
