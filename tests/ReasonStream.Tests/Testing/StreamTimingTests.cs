using ReasonStream.Testing;

namespace ReasonStream.Tests.Testing;

public sealed class StreamTimingTests
{
    [Fact]
    public void Timing_round_trips_through_the_sidecar_format()
    {
        var timing = new StreamTiming([new(412, TimeSpan.FromMilliseconds(183.25)), new(977, TimeSpan.FromMilliseconds(201))]);

        var text = timing.ToString();
        var parsed = StreamTiming.Parse(text);

        Assert.Equal("# reasonstream-timing v1\n# byteOffset\tmillisecondsSinceHeaders\n412\t183.25\n977\t201\n", text);
        Assert.Equal(timing.Marks, parsed.Marks);
    }

    [Fact]
    public void Parser_skips_comments_and_blank_lines_and_accepts_spaces()
    {
        var parsed = StreamTiming.Parse("# comment\r\n\r\n10 1.5\r\n20\t\t3\n");

        Assert.Equal([new TimingMark(10, TimeSpan.FromMilliseconds(1.5)), new TimingMark(20, TimeSpan.FromMilliseconds(3))], parsed.Marks);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("ten\t5")]
    [InlineData("10\t5\textra")]
    [InlineData("20\t5\n10\t6")]
    [InlineData("10\t5\n20\t4")]
    public void Malformed_or_backwards_lines_are_rejected(string text)
    {
        Assert.Throws<FormatException>(() => StreamTiming.Parse(text));
    }

    [Fact]
    public void Sidecar_path_is_the_body_path_plus_timing()
    {
        Assert.Equal("captures/run.sse.timing", StreamTiming.SidecarPathFor("captures/run.sse"));
    }

    [Fact]
    public void Recorder_notes_cumulative_bytes_per_read_in_time_order()
    {
        var recorder = new StreamTimingRecorder();

        recorder.RecordRead(100);
        recorder.RecordRead(0);
        recorder.RecordRead(50);
        var timing = recorder.ToTiming();

        Assert.Equal(150, recorder.TotalBytes);
        Assert.Equal([100L, 150L], timing.Marks.Select(mark => mark.ByteOffset));
        Assert.True(timing.Marks[0].Elapsed <= timing.Marks[1].Elapsed);
    }

    [Fact]
    public void Saved_sidecar_loads_back()
    {
        var path = Path.GetTempFileName();
        try
        {
            var timing = new StreamTiming([new(5, TimeSpan.Zero), new(9, TimeSpan.FromMilliseconds(7.125))]);
            timing.Save(path);

            Assert.Equal(timing.Marks, StreamTiming.Load(path).Marks);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
