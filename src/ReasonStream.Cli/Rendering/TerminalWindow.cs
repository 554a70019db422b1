using System.Runtime.InteropServices;

namespace ReasonStream.Cli.Rendering;

/// <summary>
/// The size of the terminal behind a file descriptor, asked of the kernel with <c>ioctl(TIOCGWINSZ)</c> on Linux and macOS,
/// and whether it changed since (SIGWINCH). Unlike <see cref="Console.WindowWidth"/> this does not initialise .NET's
/// terminal handling, which writes keypad-mode escape codes (<c>ESC[?1h ESC=</c>) to the terminal even when no colour is wanted.
/// </summary>
internal static unsafe partial class TerminalWindow
{
    private const nuint LinuxTiocgwinsz = 0x5413;
    private const nuint MacTiocgwinsz = 0x40087468;
    private static int s_resizes;
    private static PosixSignalRegistration? s_watch;

    /// <summary>How many times the window was resized since <see cref="Watch"/> (compare two readings to see a change).</summary>
    public static int Resizes => Volatile.Read(ref s_resizes);

    /// <summary>Starts counting SIGWINCH (once per process; the renderers measure the window again after one).</summary>
    public static void Watch()
    {
        if (OperatingSystem.IsWindows() || s_watch is not null) return;
        try
        {
            s_watch = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => Interlocked.Increment(ref s_resizes));
        }
        catch (PlatformNotSupportedException)
        {
            // No SIGWINCH here: sizes are read once.
        }
    }

    /// <summary>Columns and rows, or null when the descriptor is no terminal, the size is unknown (0) or the platform has no ioctl here.</summary>
    public static (int Width, int Height)? Size(int fileDescriptor)
    {
        try
        {
            WindowSize size;
            int result;
            if (OperatingSystem.IsLinux()) result = Ioctl(fileDescriptor, LinuxTiocgwinsz, &size);
            else if (OperatingSystem.IsMacOS() && RuntimeInformation.ProcessArchitecture == Architecture.Arm64)
            {
                // ioctl is variadic: on Apple's arm64 ABI its third argument is read from the stack, where a ninth
                // integer argument of an ordinary call goes (the first eight go in registers).
                result = IoctlOnStack(fileDescriptor, MacTiocgwinsz, 0, 0, 0, 0, 0, 0, &size);
            }
            else if (OperatingSystem.IsMacOS()) result = Ioctl(fileDescriptor, MacTiocgwinsz, &size);
            else return null;
            return result == 0 && size.Columns > 0 && size.Rows > 0 ? (size.Columns, size.Rows) : null;
        }
        catch (DllNotFoundException)
        {
            return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct WindowSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort XPixels;
        public ushort YPixels;
    }

    [LibraryImport("libc", EntryPoint = "ioctl")]
    private static partial int Ioctl(int fileDescriptor, nuint request, WindowSize* size);

    [LibraryImport("libc", EntryPoint = "ioctl")]
    private static partial int IoctlOnStack(int fileDescriptor, nuint request, nint r2, nint r3, nint r4, nint r5, nint r6, nint r7, WindowSize* size);
}
