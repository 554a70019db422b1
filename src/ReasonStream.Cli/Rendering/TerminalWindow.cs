using System.Runtime.InteropServices;

namespace ReasonStream.Cli.Rendering;

/// <summary>
/// The size of the terminal behind a file descriptor, asked of the kernel with <c>ioctl(TIOCGWINSZ)</c>.
/// Unlike <see cref="Console.WindowWidth"/> this does not initialise .NET's terminal handling, which writes
/// keypad-mode escape codes (<c>ESC[?1h ESC=</c>) to the terminal even when no colour is wanted.
/// </summary>
internal static partial class TerminalWindow
{
    private const nuint LinuxTiocgwinsz = 0x5413;

    /// <summary>Columns and rows, or null when the descriptor is no terminal, the size is unknown (0) or the platform is not Linux.</summary>
    public static (int Width, int Height)? Size(int fileDescriptor)
    {
        if (!OperatingSystem.IsLinux()) return null; // elsewhere ioctl's variadic call convention or request code differ
        try
        {
            return Ioctl(fileDescriptor, LinuxTiocgwinsz, out var size) == 0 && size.Columns > 0 && size.Rows > 0
                ? (size.Columns, size.Rows)
                : null;
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
    private static partial int Ioctl(int fileDescriptor, nuint request, out WindowSize size);
}
