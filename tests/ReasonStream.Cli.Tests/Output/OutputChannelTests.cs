using System.Text;
using ReasonStream.Cli.Output;

namespace ReasonStream.Cli.Tests.Output;

/// <summary>The standard streams' writer: one write per flush, nothing held past a flush, the two streams in the order written, failures kept not thrown.</summary>
public sealed class OutputChannelTests
{
    private sealed class Recorder(List<(string Stream, string Text)>? shared = null) : OutputSink
    {
        public List<(string Stream, string Text)> Writes { get; } = shared ?? [];

        public string Name { get; init; } = "";

        public OutputFailure? FailWith { get; set; }

        public override OutputFailure? Write(ReadOnlySpan<byte> bytes)
        {
            if (FailWith is { } failure) return failure;
            lock (Writes) Writes.Add((Name, Encoding.UTF8.GetString(bytes)));
            return null;
        }
    }

    [Fact]
    public void Pieces_written_between_flushes_leave_in_one_write()
    {
        var sink = new Recorder();
        var channel = new OutputChannel("stdout", sink, new OutputOrder());

        channel.Write("Think");
        channel.Write(' ');
        channel.Write("ing… 🎉".AsSpan());
        Assert.Empty(sink.Writes);
        channel.Flush();

        Assert.Equal([("", "Think ing… 🎉")], sink.Writes);
    }

    [Fact]
    public void Writing_to_one_stream_first_sends_what_the_other_holds()
    {
        var writes = new List<(string Stream, string Text)>();
        var order = new OutputOrder();
        var stdout = new OutputChannel("stdout", new Recorder(writes) { Name = "out" }, order);
        var stderr = new OutputChannel("stderr", new Recorder(writes) { Name = "err" }, order);

        stderr.Write("reasoning ");
        stderr.Write("more");
        stdout.Write("answer");
        stderr.Write("note");
        stdout.Flush();
        stderr.Flush();

        Assert.Equal([("err", "reasoning more"), ("out", "answer"), ("err", "note")], writes);
    }

    [Fact]
    public void A_surrogate_pair_split_across_writes_is_encoded_whole()
    {
        var sink = new Recorder();
        var channel = new OutputChannel("stdout", sink, new OutputOrder());
        string emoji = "🎉";

        channel.Write(emoji[0]);
        channel.Write(emoji[1]);
        channel.Flush();

        Assert.Equal("🎉", string.Concat(sink.Writes.Select(w => w.Text)));
    }

    [Fact]
    public void A_failed_output_keeps_its_first_failure_and_never_throws()
    {
        var sink = new Recorder { FailWith = new OutputFailure("No space left on device", ReaderGone: false) };
        var channel = new OutputChannel("stdout", sink, new OutputOrder());

        channel.Write("answer");
        channel.Flush();
        sink.FailWith = new OutputFailure("another", ReaderGone: false);
        channel.Write("more");
        channel.Flush();

        Assert.Equal("No space left on device", channel.Failure?.Reason);
        Assert.True(channel.LostText);
    }

    [Fact]
    public void A_stream_closed_from_the_start_loses_nothing_until_something_is_written_to_it()
    {
        var channel = new OutputChannel("stdout", OutputSink.Nowhere, new OutputOrder(), new OutputFailure("it was closed when reason started", ReaderGone: false));

        channel.Flush();
        Assert.False(channel.LostText);
        channel.Write("answer");
        channel.Flush();

        Assert.True(channel.LostText);
    }

    [Fact]
    public void A_huge_write_leaves_in_bounded_pieces()
    {
        var sink = new Recorder();
        var channel = new OutputChannel("stdout", sink, new OutputOrder());

        channel.Write(new string('a', 1_000_000));
        channel.Flush();

        Assert.Equal(1_000_000, sink.Writes.Sum(w => w.Text.Length));
        Assert.All(sink.Writes, w => Assert.True(w.Text.Length <= 128 * 1024, $"{w.Text.Length} bytes in one write"));
    }
}
