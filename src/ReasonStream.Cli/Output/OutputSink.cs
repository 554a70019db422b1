namespace ReasonStream.Cli.Output;

/// <summary>Where a channel's bytes go: a descriptor written with write(2), or (on Windows) the console's own stream.</summary>
internal abstract class OutputSink
{
    /// <summary>For a stream that was closed when the program started: takes nothing (its channel reports the failure).</summary>
    public static OutputSink Nowhere { get; } = new Discard();

    /// <summary>Writes everything; null on success, else why not (and whether the reader simply went away).</summary>
    public abstract OutputFailure? Write(ReadOnlySpan<byte> bytes);

    private sealed class Discard : OutputSink
    {
        public override OutputFailure? Write(ReadOnlySpan<byte> bytes) => null;
    }

    /// <summary>write(2) on the descriptor: the shared file offset, so `(echo A; reason q; echo B) > f` keeps every line.</summary>
    public sealed class Descriptor(int fd) : OutputSink
    {
        public override OutputFailure? Write(ReadOnlySpan<byte> bytes)
        {
            int errno = NativeIo.WriteAll(fd, bytes);
            return errno == 0 ? null : new OutputFailure(NativeIo.Describe(errno), ReaderGone: errno == NativeIo.EPIPE);
        }
    }

    /// <summary>A stream (the console's on Windows, where there is no keypad-mode problem and no shared-offset problem).</summary>
    public sealed class OfStream(Stream stream) : OutputSink
    {
        public override OutputFailure? Write(ReadOnlySpan<byte> bytes)
        {
            try
            {
                stream.Write(bytes);
                stream.Flush();
                return null;
            }
            catch (IOException e)
            {
                return new OutputFailure(e.Message, ReaderGone: false);
            }
        }
    }
}

/// <summary>Why an output stopped: the system's words, and whether it was only the reader going away (a closed pipe).</summary>
internal sealed record OutputFailure(string Reason, bool ReaderGone);
