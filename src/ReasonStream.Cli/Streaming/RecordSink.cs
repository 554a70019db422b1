using ReasonStream.Cli.Output;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Streaming;

/// <summary>Where recorded bytes go: a file with its timing sidecar, or stdout/stderr's own writer.</summary>
internal abstract class RecordSink : IDisposable
{
    /// <summary>Writes the bytes; throws <see cref="IOException"/> when they cannot be written.</summary>
    public abstract void Write(ReadOnlySpan<byte> bytes);

    /// <summary>The recording is complete: finish what belongs with it (the timing file). May throw <see cref="IOException"/>.</summary>
    public abstract void Complete(StreamTiming timing);

    public abstract void Dispose();

    public sealed class ToFile(FileStream file, string? timingPath) : RecordSink
    {
        public override void Write(ReadOnlySpan<byte> bytes)
        {
            file.Write(bytes);
            file.Flush();
        }

        public override void Complete(StreamTiming timing)
        {
            if (timingPath is not null) timing.Save(timingPath);
        }

        public override void Dispose() => file.Dispose();
    }

    /// <summary>stdout or stderr: the bytes join that stream's text in order, at the shared file offset.</summary>
    public sealed class ToChannel(OutputChannel channel) : RecordSink
    {
        public override void Write(ReadOnlySpan<byte> bytes) => channel.WriteBytes(bytes);

        public override void Complete(StreamTiming timing) => channel.Flush();

        public override void Dispose() => channel.Flush();
    }
}
