using System.Runtime.InteropServices;

namespace ReasonStream.Cli.Output;

/// <summary>What a standard descriptor number holds when the program starts.</summary>
internal enum DescriptorState
{
    /// <summary>Nothing: the parent closed it (<c>2&gt;&amp;-</c>).</summary>
    Closed,

    /// <summary>What the parent passed: the real stream.</summary>
    Inherited,

    /// <summary>A file the runtime opened in the free slot before the program's code ran: the stream was closed.</summary>
    TakenByThisProcess,
}

/// <summary>The few POSIX calls the standard streams need: write(2) on the shared file offset, and keeping 0–2 open.</summary>
internal static unsafe partial class NativeIo
{
    public const int EINTR = 4;
    public const int EBADF = 9;
    public const int EPIPE = 32;
    public const int POLLIN = 1;
    public const int POLLOUT = 4;

    /// <summary>EAGAIN: 11 on Linux, 35 on the BSDs and macOS.</summary>
    public static int EAGAIN => OperatingSystem.IsLinux() ? 11 : 35;

    private const int F_GETFD = 1;
    private const int FD_CLOEXEC = 1;
    private const int O_RDWR = 2;

    /// <summary>Writes all of <paramref name="bytes"/> to <paramref name="fd"/>; 0 on success, else the errno that stopped it.</summary>
    public static int WriteAll(int fd, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
        {
            int done = 0;
            while (done < bytes.Length)
            {
                nint written = Write(fd, start + done, bytes.Length - done);
                if (written >= 0)
                {
                    done += (int)written;
                    continue;
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno == EINTR) continue;
                if (errno == EAGAIN && WaitWritable(fd)) continue; // a descriptor some parent left non-blocking
                return errno;
            }
        }

        return 0;
    }

    /// <summary>What is behind <paramref name="fd"/>: nothing, a descriptor this process inherited, or one it opened itself.</summary>
    public static DescriptorState State(int fd)
    {
        int flags = Fcntl(fd, F_GETFD);
        if (flags == -1) return Marshal.GetLastPInvokeError() == EBADF ? DescriptorState.Closed : DescriptorState.Inherited;
        // Close-on-exec cannot survive the exec that started this process: such a descriptor was opened here, by the
        // runtime, in a slot the parent had left closed (reason q >&-). It is not stdout, and must never be written to.
        return (flags & FD_CLOEXEC) != 0 ? DescriptorState.TakenByThisProcess : DescriptorState.Inherited;
    }

    /// <summary>Opens /dev/null as exactly <paramref name="fd"/> (which must be closed); false when that fails.</summary>
    public static bool OpenDevNullAs(int fd)
    {
        int opened = Open("/dev/null", O_RDWR);
        if (opened < 0) return false;
        if (opened == fd) return true;
        bool moved = Dup2(opened, fd) == fd;
        Close(opened);
        return moved;
    }

    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    /// <summary>Reads what <paramref name="fd"/> has (blocking until at least a byte); the count, 0 at the end, or -1 on an error.</summary>
    public static int ReadSome(int fd, Span<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            while (true)
            {
                nint read = Read(fd, start, buffer.Length);
                if (read >= 0) return (int)read;
                if (Marshal.GetLastPInvokeError() != EINTR) return -1;
            }
        }
    }

    /// <summary>Waits until <paramref name="fd"/> has input, at most <paramref name="timeoutMs"/> (-1: for ever); false on timeout.</summary>
    public static bool WaitReadable(int fd, int timeoutMs)
    {
        var poll = new PollFd { Fd = fd, Events = POLLIN };
        while (true)
        {
            int ready = Poll(&poll, 1, timeoutMs);
            if (ready >= 0) return ready > 0;
            if (Marshal.GetLastPInvokeError() != EINTR) return true; // let the read say what is wrong
        }
    }

    private static bool WaitWritable(int fd)
    {
        var poll = new PollFd { Fd = fd, Events = POLLOUT };
        return Poll(&poll, 1, -1) >= 0 || Marshal.GetLastPInvokeError() == EINTR;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2(int from, int to);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(PollFd* fds, nuint count, int timeout);
}
