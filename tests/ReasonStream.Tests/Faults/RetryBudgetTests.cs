using ReasonStream.Testing;
using ReasonStream.Tests.Integration;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Faults;

/// <summary>
/// Retries wait only as long as the policy allows in all: a server that asks for longer is not waited for, the
/// request fails at once saying how long it asked; every wait is announced before it starts.
/// </summary>
public sealed class RetryBudgetTests
{
    private static readonly RetryPolicy Patient = new() { MaxRetries = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromSeconds(30), MaxTotalDelay = TimeSpan.FromSeconds(60) };

    private static ReplayResponse Limited(string retryAfter) =>
        ReplayResponse.Error(429, "{\"error\":{\"message\":\"Rate limit reached\"}}").WithHeader("Retry-After", retryAfter);

    [Fact]
    public async Task A_retry_after_longer_than_the_budget_fails_at_once_saying_how_long_the_server_asked()
    {
        await using var server = await ReplayServer.StartAsync([Limited("999999")], new ReplayServerOptions { WhenScriptExhausted = ExhaustedScriptBehavior.RepeatLastResponse });
        var notices = new List<RetryNotice>();
        using var client = Replay.Client(server, o => { o.Retry = Patient; o.OnRetry = notices.Add; });

        var error = await Assert.ThrowsAsync<RateLimitedException>(() => client.StreamAsync(Updates.Ask()).ToResultAsync().WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Single(server.Requests);
        Assert.Empty(notices);
        Assert.Equal(1, error.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(999999), error.RetryAfter);
        Assert.Contains("999999 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_error_asking_for_longer_than_the_budget_fails_at_once_too()
    {
        var overloaded = ReplayResponse.Error(503, "{\"error\":{\"message\":\"Overloaded\"}}").WithHeader("Retry-After", "120");
        await using var server = await ReplayServer.StartAsync([overloaded], new ReplayServerOptions { WhenScriptExhausted = ExhaustedScriptBehavior.RepeatLastResponse });
        using var client = Replay.Client(server, o => o.Retry = Patient);

        var error = await Assert.ThrowsAsync<ServerErrorException>(() => client.StreamAsync(Updates.Ask()).ToResultAsync().WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Single(server.Requests);
        Assert.Contains("120 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_wait_is_announced_before_it_starts()
    {
        await using var server = await ReplayServer.StartAsync(Limited("0"), Limited("0"), Replay.DeepSeekStream());
        var notices = new List<RetryNotice>();
        using var client = Replay.Client(server, o => { o.Retry = Patient; o.OnRetry = notice => { notices.Add(notice); Assert.Equal(notices.Count, server.Requests.Count); }; });

        var result = await client.StreamAsync(Updates.Ask()).ToResultAsync();

        Assert.Equal("Then answer.", result.Answer);
        Assert.Equal([1, 2], notices.Select(n => n.Attempt));
        Assert.All(notices, n => Assert.Equal(429, n.Failure.StatusCode));
        Assert.All(notices, n => Assert.IsType<RateLimitedException>(n.Failure));
        Assert.All(notices, n => Assert.Equal(TimeSpan.Zero, n.Delay));
    }

    [Fact]
    public async Task The_total_wait_never_exceeds_the_budget()
    {
        var failing = ReplayResponse.Error(500, "{\"error\":{\"message\":\"boom\"}}");
        await using var server = await ReplayServer.StartAsync([failing], new ReplayServerOptions { WhenScriptExhausted = ExhaustedScriptBehavior.RepeatLastResponse });
        var notices = new List<RetryNotice>();
        var policy = new RetryPolicy { MaxRetries = 10, BaseDelay = TimeSpan.FromMilliseconds(40), MaxDelay = TimeSpan.FromSeconds(1), MaxTotalDelay = TimeSpan.FromMilliseconds(150) };
        using var client = Replay.Client(server, o => { o.Retry = policy; o.OnRetry = notices.Add; });

        var error = await Assert.ThrowsAsync<ServerErrorException>(() => client.StreamAsync(Updates.Ask()).ToResultAsync().WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.True(notices.Sum(n => n.Delay.TotalMilliseconds) <= 150, string.Join(", ", notices.Select(n => n.Delay)));
        Assert.True(error.Attempts < 11, $"{error.Attempts} attempts: the budget ends the retries before MaxRetries does");
        Assert.Equal(error.Attempts, server.Requests.Count);
    }

    [Theory]
    [InlineData(408)]
    [InlineData(409)]
    [InlineData(425)]
    public async Task Request_timeout_conflict_and_too_early_are_retried_as_documented(int status)
    {
        var failure = ReplayResponse.Error(status, "{\"error\":{\"message\":\"try again\"}}");
        await using var server = await ReplayServer.StartAsync(failure, Replay.DeepSeekStream());
        using var client = Replay.Client(server);

        var result = await client.StreamAsync(Updates.Ask()).ToResultAsync();

        Assert.Equal("Then answer.", result.Answer);
        Assert.Equal(2, server.Requests.Count);
    }
}
