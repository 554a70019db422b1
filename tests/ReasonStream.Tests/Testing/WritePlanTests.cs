using System.Text;
using ReasonStream.Testing;

namespace ReasonStream.Tests.Testing;

public sealed class WritePlanTests
{
    private static int[] Ends(WritePlan plan) => [.. plan.Steps.Select(step => step.End)];

    [Fact]
    public void Event_boundaries_follow_blank_lines_in_any_line_ending()
    {
        var boundaries = SseEventBoundaries.Find(Encoding.UTF8.GetBytes("data: a\n\n: c\r\n\r\ndata: b\r\rdata: tail"));

        Assert.Equal([9, 16, 25], boundaries);
    }

    [Fact]
    public void Per_event_split_cuts_after_each_blank_line()
    {
        var plan = WritePlan.For(ReplayResponse.FromText("data: a\n\ndata: bb\n\ndata: [DONE]\n\n"));

        Assert.Equal([9, 19, 33], Ends(plan));
        Assert.All(plan.Steps, step => Assert.Equal(TimeSpan.Zero, step.Due));
        Assert.Equal(WritePlan.BodyEnding.Complete, plan.Ending);
    }

    [Fact]
    public void Every_n_bytes_and_explicit_offsets_cut_exactly_there()
    {
        var body = ReplayResponse.FromText("0123456789abcdefghij");

        Assert.Equal([7, 14, 20], Ends(WritePlan.For(body with { WriteSplit = WriteSplit.EveryBytes(7) })));
        Assert.Equal([3, 11, 20], Ends(WritePlan.For(body with { WriteSplit = WriteSplit.AtOffsets(11, 3, 0, 99) })));
        Assert.Equal([20], Ends(WritePlan.For(body with { WriteSplit = WriteSplit.WholeBody })));
    }

    [Fact]
    public void Random_split_is_reproducible_from_its_seed_and_bounded()
    {
        var body = ReplayResponse.FromText(new string('x', 500));

        var first = WritePlan.For(body with { WriteSplit = WriteSplit.Random(7, maxWriteSize: 10) });
        var again = WritePlan.For(body with { WriteSplit = WriteSplit.Random(7, maxWriteSize: 10) });
        var other = WritePlan.For(body with { WriteSplit = WriteSplit.Random(8, maxWriteSize: 10) });

        Assert.Equal(Ends(first), Ends(again));
        Assert.NotEqual(Ends(first), Ends(other));
        Assert.All(first.Steps, step => Assert.InRange(step.End - step.Start, 1, 10));
    }

    [Fact]
    public void Delay_between_events_is_due_per_event_and_forces_event_cuts()
    {
        var body = ReplayResponse.FromText("data: a\n\ndata: bb\n\ndata: [DONE]\n\n");
        var plan = WritePlan.For(body with
        {
            WriteSplit = WriteSplit.EveryBytes(6),
            Pacing = ReplayPacing.DelayBetweenEvents(TimeSpan.FromMilliseconds(100)) with { SpeedFactor = 2 },
        });

        Assert.Equal([6, 9, 12, 18, 19, 24, 30, 33], Ends(plan));
        Assert.Equal([0, 0, 50, 50, 50, 100, 100, 100], plan.Steps.Select(step => step.Due.TotalMilliseconds));
    }

    [Fact]
    public void Delay_between_writes_is_due_per_write()
    {
        var plan = WritePlan.For(ReplayResponse.FromText("0123456789") with
        {
            WriteSplit = WriteSplit.EveryBytes(4),
            Pacing = ReplayPacing.DelayBetweenWrites(TimeSpan.FromMilliseconds(10)),
        });

        Assert.Equal([0, 10, 20], plan.Steps.Select(step => step.Due.TotalMilliseconds));
    }

    [Fact]
    public void A_hold_cuts_a_write_in_two_without_moving_any_write_s_due_time()
    {
        var paced = ReplayResponse.FromText("0123456789") with
        {
            WriteSplit = WriteSplit.EveryBytes(4),
            Pacing = ReplayPacing.DelayBetweenWrites(TimeSpan.FromMilliseconds(10)),
        };
        var plan = WritePlan.For(paced.HeldAfterBytes(2, new ReplayGate()));

        Assert.Equal([2, 4, 8, 10], Ends(plan));
        Assert.Equal([0, 0, 10, 20], plan.Steps.Select(step => step.Due.TotalMilliseconds));
        Assert.Equal(2, plan.HoldAt);
    }

    [Fact]
    public void Recorded_timing_cuts_at_marks_and_writes_each_part_at_its_arrival_time()
    {
        var timing = new StreamTiming([new(4, TimeSpan.FromMilliseconds(30)), new(10, TimeSpan.FromMilliseconds(90))]);
        var plan = WritePlan.For(ReplayResponse.FromText("0123456789") with
        {
            WriteSplit = WriteSplit.AtOffsets(6),
            Pacing = ReplayPacing.Recorded(timing) with { SpeedFactor = 3 },
        });

        Assert.Equal([4, 6, 10], Ends(plan));
        Assert.Equal([10, 30, 30], plan.Steps.Select(step => step.Due.TotalMilliseconds));
    }

    [Fact]
    public void Abort_and_stall_cut_the_body_and_the_smaller_wins()
    {
        var body = ReplayResponse.FromText("data: a\n\ndata: bb\n\ndata: [DONE]\n\n");

        var aborted = WritePlan.For(body with { AbortAfterBytes = 12, StallAfterBytes = 20 });
        var stalled = WritePlan.For(body with { AbortAfterBytes = 20, StallAfterBytes = 12 });
        var pastTheEnd = WritePlan.For(body with { StallAfterBytes = 1000 });

        Assert.Equal([9, 12], Ends(aborted));
        Assert.Equal(WritePlan.BodyEnding.Abort, aborted.Ending);
        Assert.Equal([9, 12], Ends(stalled));
        Assert.Equal(WritePlan.BodyEnding.Stall, stalled.Ending);
        Assert.Equal([9, 19, 33], Ends(pastTheEnd));
        Assert.Equal(WritePlan.BodyEnding.Stall, pastTheEnd.Ending);
    }
}
