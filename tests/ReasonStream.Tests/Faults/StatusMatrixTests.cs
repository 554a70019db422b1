using ReasonStream.Testing;
using ReasonStream.Tests.Integration;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Faults;

/// <summary>
/// The fault matrix, error half: every status a server or proxy answers with, times every kind of body (JSON, HTML,
/// empty, huge, invalid UTF-8, compressed), over real HTTP. Each gives the typed exception of its status, retried
/// exactly when the status is retryable, with a bounded one-line message that never shows the key or a prefix of it.
/// </summary>
public sealed class StatusMatrixTests
{
    private static readonly int[] Statuses = [400, 401, 402, 403, 404, 405, 408, 409, 410, 413, 415, 418, 422, 425, 429, 451, 500, 501, 502, 503, 504, 529];

    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        foreach (int status in Statuses)
        {
            foreach (string body in FaultBodies.All) data.Add(status, body);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_status_and_body_gives_the_typed_error_of_its_status(int status, string body)
    {
        await using var server = await ReplayServer.StartAsync([FaultBodies.For(status, body)], new ReplayServerOptions { WhenScriptExhausted = ExhaustedScriptBehavior.RepeatLastResponse });
        using var client = Replay.Client(server, o => o.Retry = new RetryPolicy { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) });

        var error = await Assert.ThrowsAnyAsync<ReasonStreamException>(() => client.StreamAsync(Updates.Ask()).ToResultAsync().WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.IsType(ExpectedType(status), error);
        Assert.Equal(status, error.StatusCode);
        int attempts = Retryable(status) ? 3 : 1;
        Assert.Equal(attempts, error.Attempts);
        Assert.Equal(attempts, server.Requests.Count);
        Assert.Contains("HTTP " + status, error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 1000, $"a message for people, not the body: {error.Message.Length} characters");
        Assert.DoesNotContain('\n', error.Message);
        if (FaultBodies.Shown(body) is { } shown) Assert.Contains(shown, error.Message, StringComparison.Ordinal);
        KeyCanary.AssertAbsent(error.Message);
        KeyCanary.AssertAbsent(error.ProviderMessage);
    }

    /// <summary>The documented retries: 408, 409, 425, 429 and every 5xx (README, error table).</summary>
    private static bool Retryable(int status) => status is 408 or 409 or 425 or 429 or >= 500;

    private static Type ExpectedType(int status) => status switch
    {
        401 or 403 => typeof(AuthenticationFailedException),
        402 => typeof(InsufficientBalanceException),
        400 or 422 => typeof(InvalidRequestException),
        429 => typeof(RateLimitedException),
        >= 500 => typeof(ServerErrorException),
        _ => typeof(HttpStatusException), // 404 among them: these bodies do not speak of a model
    };
}
