using ReasonStream.Testing;

namespace ReasonStream.Benchmarks;

/// <summary>
/// The benchmark stream: DeepSeek-shaped chat chunks (an opening chunk, reasoning chunks, answer chunks, a finish
/// chunk with usage, <c>[DONE]</c>), mixed ASCII, CJK and emoji. Its bytes are written by the Testing library's
/// <see cref="ScriptedReply"/> — the one stream builder of tests, demos and benchmarks. The pieces cycle through a
/// short word list, so a reply of one cycle gives every event there is; longer streams repeat those events'
/// bytes, which is exactly what <see cref="ScriptedReply"/> writes for the long reply, without holding it.
/// </summary>
internal static class DeepSeekStream
{
    public const string Model = "deepseek-flash";
    public const string ResponseId = "33be18fc-3842-486c-8c29-dd8e578f7f20";

    private static readonly string[] Words = ["Let", " me", " think", " about", " the", " proof", ",", " step", " by", " step", ".", " Fermat", "'s", " theorem", " 费马", " 🤔"];

    private static readonly Lazy<Cycle> Events = new(WriteCycle);

    /// <summary>The reply of <paramref name="chunks"/> text chunks, half reasoning then half answer.</summary>
    public static ScriptedReply Reply(int chunks)
    {
        var reply = new ScriptedReply(WireProtocol.ChatCompletions, Model) { ResponseId = ResponseId };
        for (int i = 0; i < chunks; i++)
        {
            if (i < chunks / 2) reply.Reasoning(Words[i % Words.Length]);
            else reply.Answer(Words[i % Words.Length]);
        }

        return reply.Usage(prompt: 6, completion: chunks, reasoning: chunks / 2, cached: 0).Finish(FinishReasons.Stop);
    }

    /// <summary>The whole body of a <paramref name="chunks"/>-chunk stream (the same bytes as <c>Reply(chunks).ToBytes()</c>).</summary>
    public static byte[] Build(int chunks)
    {
        using var body = new MemoryStream();
        foreach (var piece in Pieces(chunks)) body.Write(piece.Span);
        return body.ToArray();
    }

    /// <summary>The body's events in order, produced lazily.</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> Pieces(int chunks)
    {
        var cycle = Events.Value;
        foreach (var e in cycle.Opening) yield return e;
        for (int i = 0; i < chunks; i++) yield return (i < chunks / 2 ? cycle.Reasoning : cycle.Answer)[i % Words.Length];
        foreach (var e in WriteClosing(chunks)) yield return e;
    }

    private static Cycle WriteCycle()
    {
        var events = Reply(2 * Words.Length).Events();
        var opening = events.TakeWhile(e => e.Part == ScriptedPart.Opening).Select(e => e.Bytes).ToArray();
        var reasoning = events.Where(e => e.Part == ScriptedPart.Reasoning).Select(e => e.Bytes).ToArray();
        var answer = events.Where(e => e.Part == ScriptedPart.Answer).Select(e => e.Bytes).ToArray();
        return new Cycle(opening, reasoning, answer);
    }

    // The closing events name the usage, which depends on the length: write them for this length.
    private static IEnumerable<ReadOnlyMemory<byte>> WriteClosing(int chunks) =>
        new ScriptedReply(WireProtocol.ChatCompletions, Model) { ResponseId = ResponseId }
            .Usage(prompt: 6, completion: chunks, reasoning: chunks / 2, cached: 0).Finish(FinishReasons.Stop)
            .Events().Where(e => e.Part == ScriptedPart.Closing).Select(e => e.Bytes);

    private sealed record Cycle(ReadOnlyMemory<byte>[] Opening, ReadOnlyMemory<byte>[] Reasoning, ReadOnlyMemory<byte>[] Answer);
}

/// <summary>Generates the stream lazily, so the input itself takes no memory (for the peak-memory measurement).</summary>
internal sealed class GeneratedStream(int chunks) : Stream
{
    private readonly IEnumerator<ReadOnlyMemory<byte>> _pieces = DeepSeekStream.Pieces(chunks).GetEnumerator();
    private ReadOnlyMemory<byte> _current;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_current.IsEmpty)
        {
            if (!_pieces.MoveNext()) return 0;
            _current = _pieces.Current;
        }

        int n = Math.Min(buffer.Length, _current.Length);
        _current.Span[..n].CopyTo(buffer);
        _current = _current[n..];
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _pieces.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>Answers every request from memory with a fresh stream over the given body factory.</summary>
internal sealed class InMemoryHandler(Func<Stream> body) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new StreamContent(body());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream");
        return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }
}
