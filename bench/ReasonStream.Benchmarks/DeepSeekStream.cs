using System.Text;

namespace ReasonStream.Benchmarks;

/// <summary>A DeepSeek-shaped stream: a role chunk, reasoning chunks, answer chunks, a finish chunk with usage, [DONE].</summary>
internal static class DeepSeekStream
{
    private static readonly string[] Words = ["Let", " me", " think", " about", " the", " proof", ",", " step", " by", " step", ".", " Fermat", "'s", " theorem", " 费马", " 🤔"];

    public static string Chunk(int i, int total)
    {
        bool reasoning = i < total / 2;
        string word = Words[i % Words.Length];
        string text = word.Replace("\"", "\\\"", StringComparison.Ordinal);
        return reasoning
            ? "data: {\"id\":\"33be18fc-3842-486c-8c29-dd8e578f7f20\",\"object\":\"chat.completion.chunk\",\"created\":1752169304,\"model\":\"deepseek-flash\",\"system_fingerprint\":\"fp_393bca965e_prod0623_fp8_kvcache\",\"choices\":[{\"index\":0,\"delta\":{\"content\":null,\"reasoning_content\":\"" + text + "\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"
            : "data: {\"id\":\"33be18fc-3842-486c-8c29-dd8e578f7f20\",\"object\":\"chat.completion.chunk\",\"created\":1752169304,\"model\":\"deepseek-flash\",\"system_fingerprint\":\"fp_393bca965e_prod0623_fp8_kvcache\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\",\"reasoning_content\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n";
    }

    public const string Head = "data: {\"id\":\"33be18fc-3842-486c-8c29-dd8e578f7f20\",\"object\":\"chat.completion.chunk\",\"created\":1752169304,\"model\":\"deepseek-flash\",\"system_fingerprint\":\"fp_393bca965e_prod0623_fp8_kvcache\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"reasoning_content\":\"\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n";

    public const string Tail = "data: {\"id\":\"33be18fc-3842-486c-8c29-dd8e578f7f20\",\"object\":\"chat.completion.chunk\",\"created\":1752169304,\"model\":\"deepseek-flash\",\"system_fingerprint\":\"fp_393bca965e_prod0623_fp8_kvcache\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\",\"reasoning_content\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":6,\"completion_tokens\":212,\"total_tokens\":218,\"prompt_tokens_details\":{\"cached_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":198},\"prompt_cache_hit_tokens\":0,\"prompt_cache_miss_tokens\":6}}\n\ndata: [DONE]\n\n";

    public static byte[] Build(int chunks)
    {
        var builder = new StringBuilder(chunks * 330);
        builder.Append(Head);
        for (int i = 0; i < chunks; i++) builder.Append(Chunk(i, chunks));
        builder.Append(Tail);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}

/// <summary>Generates the same stream lazily, so the input itself takes no memory (for the peak-memory measurement).</summary>
internal sealed class GeneratedStream(int chunks) : Stream
{
    private byte[] _current = Encoding.UTF8.GetBytes(DeepSeekStream.Head);
    private int _offset;
    private int _next;
    private bool _tailWritten;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_offset == _current.Length)
        {
            if (_next < chunks) _current = Encoding.UTF8.GetBytes(DeepSeekStream.Chunk(_next++, chunks));
            else if (!_tailWritten)
            {
                _current = Encoding.UTF8.GetBytes(DeepSeekStream.Tail);
                _tailWritten = true;
            }
            else return 0;
            _offset = 0;
        }

        int n = Math.Min(buffer.Length, _current.Length - _offset);
        _current.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
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
