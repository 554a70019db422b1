namespace ReasonStream.Cli.Output;

/// <summary>A write-only <see cref="Stream"/> over an <see cref="OutputChannel"/>, for writers that produce UTF-8 bytes (JSON).</summary>
internal sealed class ChannelStream(OutputChannel channel) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => channel.WriteBytes(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => channel.WriteBytes(buffer);

    /// <summary>Holds nothing itself; the channel sends on its own flush.</summary>
    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

/// <summary>A write-only <see cref="Stream"/> that decodes UTF-8 into any <see cref="TextWriter"/> (a test's StringWriter).</summary>
internal sealed class DecodingStream(TextWriter writer) : Stream
{
    private readonly System.Text.Decoder _decoder = new System.Text.UTF8Encoding(false).GetDecoder();

    /// <summary>The byte stream for <paramref name="writer"/>: the channel itself when it is one, else a decoder in front of it.</summary>
    public static Stream For(TextWriter writer) => writer is OutputChannel channel ? new ChannelStream(channel) : new DecodingStream(writer);

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
        char[] chars = new char[_decoder.GetCharCount(buffer, flush: false)];
        int count = _decoder.GetChars(buffer, chars, flush: false);
        writer.Write(chars, 0, count);
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
