namespace ReasonStream.Tests.Client;

public sealed class RetryPolicyTests
{
    [Fact]
    public void Backoff_doubles_with_jitter_and_is_capped()
    {
        var policy = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(350) };
        for (int i = 0; i < 50; i++)
        {
            var first = policy.DelayFor(1, null);
            Assert.InRange(first.TotalMilliseconds, 50, 100);
            var second = policy.DelayFor(2, null);
            Assert.InRange(second.TotalMilliseconds, 100, 200);
            Assert.InRange(policy.DelayFor(10, null).TotalMilliseconds, 175, 350);
        }
    }

    [Fact]
    public void Retry_after_is_honoured_up_to_the_cap()
    {
        var policy = new RetryPolicy { MaxDelay = TimeSpan.FromSeconds(5) };
        Assert.Equal(TimeSpan.FromSeconds(2), policy.DelayFor(1, TimeSpan.FromSeconds(2)));
        Assert.Equal(TimeSpan.FromSeconds(5), policy.DelayFor(1, TimeSpan.FromSeconds(60)));
    }
}
