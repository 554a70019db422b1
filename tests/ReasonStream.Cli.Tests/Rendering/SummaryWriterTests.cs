using System.Text;
using System.Text.Json;
using ReasonStream.Cli.Json;

namespace ReasonStream.Cli.Tests.Rendering;

/// <summary>The --json summary, written in slices, is exactly what the serializer writes, and its memory does not grow with the texts.</summary>
public sealed class SummaryWriterTests
{
    private static SummaryEvent Summary(string reasoning, string answer) => new(
        "summary", "ok", "deepseek", "deepseek-flash", "deepseek-flash-0425", "3f9a1c2e", 2, 17, reasoning, answer,
        [new ToolCallJson("call_1", "get_weather", "{\"city\":\"Paris\"}")],
        new UsageJson(11, 40, 40, 25, 3, 3, 8, 51),
        new TimingsJson(12.5, 30, 400.25, 370, 1000, 38.2),
        "stop", false, false,
        new ErrorJson("stalled", "The stream \"stalled\"", "raise --timeout", 6, null));

    [Fact]
    public void The_summary_is_byte_for_byte_what_the_serializer_writes()
    {
        string tricky = "quotes \" and \\ backslashes, \n\t controls \u0001\u001b, non-ASCII é 思考, emoji 🎉, <html> & 'apostrophes'";
        var summary = Summary(tricky + new string('x', 70_000) + "🎉", tricky);
        var nulls = new SummaryEvent("summary", "error", "custom", "m", null, null, null, null, "", "", [], null, new TimingsJson(null, null, null, null, 0, null), null, true, true, null);

        foreach (var each in new[] { summary, nulls })
        {
            using var written = new MemoryStream();
            SummaryWriter.Write(written, each);
            Assert.Equal(JsonSerializer.Serialize(each, CliJsonContext.Readable.SummaryEvent), Encoding.UTF8.GetString(written.ToArray()));
        }
    }

    [Fact]
    public void A_huge_reply_is_written_without_building_it_again_in_memory()
    {
        string answer = new('\u0001', 20_000_000); // each control character is escaped to six bytes: 120 MB of JSON
        var summary = Summary("", answer);
        using var sink = new CountingStream();
        SummaryWriter.Write(sink, Summary("", "warm-up"));

        long before = GC.GetAllocatedBytesForCurrentThread();
        SummaryWriter.Write(sink, summary);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(sink.Count > 120_000_000, $"{sink.Count} bytes written");
        Assert.True(allocated < 4_000_000, $"{allocated:N0} bytes allocated to write a 120 MB line"); // a string of it would be 240 MB
    }

    private sealed class CountingStream : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Count;

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Count += count;

        public override void Write(ReadOnlySpan<byte> buffer) => Count += buffer.Length;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
