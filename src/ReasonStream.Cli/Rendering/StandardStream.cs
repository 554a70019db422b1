using Microsoft.Win32.SafeHandles;

namespace ReasonStream.Cli.Rendering;

/// <summary>
/// stdout or stderr written with plain write(2) calls. <see cref="Console.OpenStandardOutput()"/> and
/// <see cref="Console.Out"/> initialise .NET's terminal handling on the first write, which sends keypad-mode escape
/// codes (<c>ESC[?1h ESC=</c>, and <c>ESC[?1l ESC&gt;</c> at exit) to the terminal even with <c>NO_COLOR</c>.
/// As with the console's own stream, a closed pipe (<c>reason … | head -1</c>) silently ends the output.
/// </summary>
internal sealed class StandardStream : Stream
{
    private const int BrokenPipe = 32; // EPIPE
    private readonly FileStream _file;
    private bool _broken;

    private StandardStream(int fileDescriptor)
    {
        _file = new FileStream(new SafeFileHandle(fileDescriptor, ownsHandle: false), FileAccess.Write, bufferSize: 0);
    }

    public static Stream Output() => Open(1, Console.OpenStandardOutput);

    public static Stream Error() => Open(2, Console.OpenStandardError);

    /// <summary>A UTF-8 writer (no BOM) over <paramref name="stream"/> that flushes every write, as <see cref="Console.Out"/> does.</summary>
    public static TextWriter Writer(Stream stream) =>
        new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1024, leaveOpen: true) { AutoFlush = true };

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_broken || buffer.IsEmpty) return;
        try
        {
            _file.Write(buffer);
        }
        catch (IOException e) when (e.HResult == BrokenPipe)
        {
            _broken = true; // the reader went away: nothing more to show
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _file.Dispose(); // the descriptor itself stays open (not owned)
        base.Dispose(disposing);
    }

    /// <summary>The raw descriptor on Unix; elsewhere (no keypad-mode problem) the console's own stream.</summary>
    private static Stream Open(int fileDescriptor, Func<Stream> console)
    {
        if (OperatingSystem.IsWindows()) return console();
        try
        {
            return new StandardStream(fileDescriptor);
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return console(); // e.g. the descriptor is closed
        }
    }
}
