namespace ReasonStream.Cli.Output;

/// <summary>
/// The process's stdout and stderr, one writer each for the whole process (every command, the help text, errors), written
/// as every Unix tool writes them: write(2) on descriptors 1 and 2, at the shared file offset, never with positioned writes.
/// A descriptor that was closed when the program started (<c>2&gt;&amp;-</c>) is reopened on /dev/null first, so no file
/// the program opens later (the log database) can take its number and receive the text.
/// </summary>
internal static class StandardOutputs
{
    private static readonly OutputOrder Order = new();
    private static readonly Lazy<(OutputChannel Out, OutputChannel Error)> Channels = new(Open);

    public static OutputChannel Out => Channels.Value.Out;

    /// <summary>True when stdin was closed when the program started: there is nothing to read (never the runtime's own file in its slot).</summary>
    public static bool InputClosed { get; private set; }

    public static OutputChannel Error => Channels.Value.Error;

    /// <summary>Takes descriptors 0–2 (reopening a closed one on /dev/null) and opens both writers. Call it first thing.</summary>
    public static void Claim()
    {
        InputClosed = !Claim(0);
        _ = Channels.Value;
    }

    /// <summary>Sends whatever either stream still holds.</summary>
    public static void FlushAll()
    {
        if (!Channels.IsValueCreated) return;
        lock (Order.Gate)
        {
            Out.FlushLocked();
            Error.FlushLocked();
        }
    }

    /// <summary>Like <see cref="FlushAll"/> at process exit: gives up rather than wait on a writer blocked elsewhere.</summary>
    public static void FlushAtExit()
    {
        if (!Channels.IsValueCreated || !Order.Gate.TryEnter(TimeSpan.FromSeconds(1))) return;
        try
        {
            Out.FlushLocked();
            Error.FlushLocked();
        }
        finally
        {
            Order.Gate.Exit();
        }
    }

    private static (OutputChannel, OutputChannel) Open()
    {
        if (OperatingSystem.IsWindows())
        {
            return (new OutputChannel("stdout", new OutputSink.OfStream(Console.OpenStandardOutput()), Order),
                new OutputChannel("stderr", new OutputSink.OfStream(Console.OpenStandardError()), Order));
        }

        var closed = new OutputFailure("it was closed when reason started", ReaderGone: false);
        bool outUsable = Claim(1), errorUsable = Claim(2);
        return (new OutputChannel("stdout", outUsable ? new OutputSink.Descriptor(1) : OutputSink.Nowhere, Order, outUsable ? null : closed),
            new OutputChannel("stderr", errorUsable ? new OutputSink.Descriptor(2) : OutputSink.Nowhere, Order, errorUsable ? null : closed));
    }

    /// <summary>
    /// Keeps <paramref name="fd"/> taken: a closed one is reopened on /dev/null, so no file opened later gets its number.
    /// True when it is the stream the parent passed, false when that stream was closed.
    /// </summary>
    private static bool Claim(int fd)
    {
        if (OperatingSystem.IsWindows()) return true;
        switch (NativeIo.State(fd))
        {
            case DescriptorState.Inherited:
                return true;
            case DescriptorState.Closed:
                NativeIo.OpenDevNullAs(fd);
                return false;
            default:
                return false; // the runtime's own file sits in the slot: leave it alone, and never write to it
        }
    }
}
