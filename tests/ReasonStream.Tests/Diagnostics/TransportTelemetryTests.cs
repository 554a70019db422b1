using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ReasonStream.Testing;
using ReasonStream.Tests.Integration;
using ReasonStream.Tests.Support;

namespace ReasonStream.Tests.Diagnostics;

/// <summary>
/// The client reports what only it sees of a stream — attempts, retry waits, time to first byte and token, how the
/// stream ended — on the <c>ReasonStream</c> activity source and meter; each test reads only its own server's
/// measurements (tagged with its port), so tests running beside it do not disturb it.
/// </summary>
public sealed class TransportTelemetryTests
{
    private static ReplayResponse Limited() =>
        ReplayResponse.Error(429, "{\"error\":{\"message\":\"Rate limit reached\"}}").WithHeader("Retry-After", "0");

    [Fact]
    public async Task A_stream_that_was_retried_reports_each_attempt_each_wait_and_its_finish()
    {
        await using var server = await ReplayServer.StartAsync(Limited(), ReplayResponse.Error(503, "{\"error\":{\"message\":\"Overloaded\"}}"), Replay.DeepSeekStream());
        using var telemetry = new TelemetryCapture(server.BaseUri.Port);
        using var client = Replay.Client(server);

        var result = await client.StreamAsync(Updates.Ask()).ToResultAsync();

        Assert.Equal("Then answer.", result.Answer);
        Assert.Equal([429, 503, 200], telemetry.Measurements(ReasonStreamTelemetry.Attempts).Select(m => Assert.IsType<int>(m.Tag("http.response.status_code"))));
        Assert.Equal([429, 503], telemetry.Measurements(ReasonStreamTelemetry.RetryWait).Select(m => (int)m.Tag("http.response.status_code")!));
        Assert.Single(telemetry.Measurements(ReasonStreamTelemetry.TimeToFirstByte));
        Assert.Single(telemetry.Measurements(ReasonStreamTelemetry.TimeToFirstToken));
        var ended = Assert.Single(telemetry.Measurements(ReasonStreamTelemetry.Streams));
        Assert.Equal("stop", ended.Tag("reasonstream.outcome"));
        Assert.Equal("chat", ended.Tag("reasonstream.protocol"));
        Assert.Equal("stop", Assert.Single(telemetry.Measurements(ReasonStreamTelemetry.StreamDuration)).Tag("reasonstream.outcome"));

        var activity = Assert.Single(telemetry.Activities);
        Assert.Equal(ReasonStreamTelemetry.StreamActivity, activity.OperationName);
        Assert.Equal("stop", activity.GetTagItem("reasonstream.outcome"));
        Assert.Equal(3, activity.GetTagItem("reasonstream.attempts"));
        Assert.Equal("deepseek-flash", activity.GetTagItem("reasonstream.model"));
        Assert.Equal(2, activity.Events.Count(e => e.Name == "reasonstream.retry"));
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
    }

    [Fact]
    public async Task The_first_token_is_timed_from_the_request_and_comes_after_the_first_byte()
    {
        await using var server = await ReplayServer.StartAsync(Replay.DeepSeekStream());
        using var telemetry = new TelemetryCapture(server.BaseUri.Port);
        using var client = Replay.Client(server);

        await client.StreamAsync(Updates.Ask()).ToResultAsync();

        double firstByte = Assert.Single(telemetry.Measurements(ReasonStreamTelemetry.TimeToFirstByte)).Value;
        double firstToken = Assert.Single(telemetry.Measurements(ReasonStreamTelemetry.TimeToFirstToken)).Value;
        double duration = Assert.Single(telemetry.Measurements(ReasonStreamTelemetry.StreamDuration)).Value;
        Assert.InRange(firstByte, 0, firstToken);
        Assert.InRange(firstToken, firstByte, duration);
    }

    [Fact]
    public async Task A_stall_ends_the_stream_as_stalled_with_an_error_status()
    {
        var stream = Replay.DeepSeekStream();
        await using var server = await ReplayServer.StartAsync(stream with { StallAfterBytes = Replay.AfterEvent(stream, 2) });
        using var telemetry = new TelemetryCapture(server.BaseUri.Port);
        using var client = Replay.Client(server, o => o.StallTimeout = TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAsync<StreamStalledException>(() => client.StreamAsync(Updates.Ask()).ToResultAsync());

        Assert.Equal("stalled", Assert.Single(telemetry.Measurements(ReasonStreamTelemetry.Streams)).Tag("reasonstream.outcome"));
        var activity = Assert.Single(telemetry.Activities);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("stalled", activity.GetTagItem("error.type"));
    }

    [Fact]
    public async Task A_refused_key_is_one_attempt_and_an_authentication_outcome()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.Error(401, "{\"error\":{\"message\":\"Authentication Fails\"}}"));
        using var telemetry = new TelemetryCapture(server.BaseUri.Port);
        using var client = Replay.Client(server);

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => client.StreamAsync(Updates.Ask()).ToResultAsync());

        Assert.Equal(401, Assert.Single(telemetry.Measurements(ReasonStreamTelemetry.Attempts)).Tag("http.response.status_code"));
        Assert.Empty(telemetry.Measurements(ReasonStreamTelemetry.RetryWait));
        Assert.Empty(telemetry.Measurements(ReasonStreamTelemetry.TimeToFirstByte));
        Assert.Equal("authentication", Assert.Single(telemetry.Measurements(ReasonStreamTelemetry.Streams)).Tag("reasonstream.outcome"));
        Assert.Equal(401, Assert.Single(telemetry.Activities).GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task A_caller_who_stops_reading_early_leaves_an_abandoned_stream_not_an_open_one()
    {
        await using var server = await ReplayServer.StartAsync(Replay.DeepSeekStream());
        using var telemetry = new TelemetryCapture(server.BaseUri.Port);
        using var client = Replay.Client(server);

        await foreach (var update in client.StreamAsync(Updates.Ask()))
        {
            if (update is ReasoningDelta) break;
        }

        Assert.Equal("abandoned", Assert.Single(telemetry.Measurements(ReasonStreamTelemetry.Streams)).Tag("reasonstream.outcome"));
        Assert.True(Assert.Single(telemetry.Activities).IsStopped);
    }

    [Fact]
    public async Task A_cancelled_stream_is_counted_as_canceled()
    {
        await using var server = await ReplayServer.StartAsync(Replay.DeepSeekStream());
        using var telemetry = new TelemetryCapture(server.BaseUri.Port);
        using var client = Replay.Client(server);
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.StreamAsync(Updates.Ask(), cancel.Token))
            {
                if (update is ReasoningDelta) await cancel.CancelAsync();
            }
        });

        Assert.Equal("canceled", Assert.Single(telemetry.Measurements(ReasonStreamTelemetry.Streams)).Tag("reasonstream.outcome"));
    }

    [Fact]
    public async Task A_token_given_through_WithCancellation_still_cancels_an_observed_stream()
    {
        await using var server = await ReplayServer.StartAsync(Replay.DeepSeekStream());
        using var telemetry = new TelemetryCapture(server.BaseUri.Port);
        using var client = Replay.Client(server);
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.StreamAsync(Updates.Ask()).WithCancellation(cancel.Token))
            {
                if (update is ReasoningDelta) await cancel.CancelAsync();
            }
        });

        Assert.Equal("canceled", Assert.Single(telemetry.Measurements(ReasonStreamTelemetry.Streams)).Tag("reasonstream.outcome"));
    }

    [Fact]
    public async Task An_unreachable_server_is_an_attempt_per_try_tagged_with_the_failure()
    {
        // A port held by a socket that is bound but not listening: connections are refused, and no other test can take it.
        using var held = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        held.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        int port = ((System.Net.IPEndPoint)held.LocalEndPoint!).Port;
        await Task.CompletedTask;
        using var telemetry = new TelemetryCapture(port);
        using var client = new ReasoningClient(new ReasoningClientOptions
        {
            BaseUri = new Uri($"http://127.0.0.1:{port}/"),
            ApiKey = Replay.Key,
            Retry = new RetryPolicy { MaxRetries = 1, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1) },
        });

        await Assert.ThrowsAsync<ConnectionFailedException>(() => client.StreamAsync(Updates.Ask()).ToResultAsync());

        Assert.Equal(["connection_failed", "connection_failed"], telemetry.Measurements(ReasonStreamTelemetry.Attempts).Select(m => m.Tag("error.type")));
        Assert.Equal("connection_failed", Assert.Single(telemetry.Measurements(ReasonStreamTelemetry.RetryWait)).Tag("error.type"));
        Assert.Equal("connection_failed", Assert.Single(telemetry.Measurements(ReasonStreamTelemetry.Streams)).Tag("reasonstream.outcome"));
    }

    [Fact]
    public async Task The_synchronous_stream_reports_the_same_as_the_asynchronous_one()
    {
        await using var server = await ReplayServer.StartAsync(Limited(), Replay.DeepSeekStream());
        using var telemetry = new TelemetryCapture(server.BaseUri.Port);
        using var client = Replay.Client(server);

        var result = await Task.Run(() => client.Complete(Updates.Ask()));

        Assert.Equal("Then answer.", result.Answer);
        Assert.Equal(2, telemetry.Measurements(ReasonStreamTelemetry.Attempts).Count);
        Assert.Equal("stop", Assert.Single(telemetry.Measurements(ReasonStreamTelemetry.Streams)).Tag("reasonstream.outcome"));
        Assert.Equal("stop", Assert.Single(telemetry.Activities).GetTagItem("reasonstream.outcome"));
    }

    /// <summary>One measurement, with its tags.</summary>
    private sealed record Measurement(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)
    {
        public object? Tag(string name) => Tags.FirstOrDefault(t => t.Key == name).Value;
    }

    /// <summary>Listens to the ReasonStream source and meter, keeping what concerns one server port.</summary>
    private sealed class TelemetryCapture : IDisposable
    {
        private readonly int _port;
        private readonly MeterListener _meters = new();
        private readonly ActivityListener _activities;
        private readonly ConcurrentQueue<Measurement> _measurements = new();
        private readonly ConcurrentQueue<Activity> _stopped = new();

        public TelemetryCapture(int port)
        {
            _port = port;
            _meters.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ReasonStreamTelemetry.SourceName) listener.EnableMeasurementEvents(instrument);
            };
            _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
            _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
            _meters.Start();
            _activities = new ActivityListener
            {
                ShouldListenTo = source => source.Name == ReasonStreamTelemetry.SourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.GetTagItem("server.port") is int port && port == _port) _stopped.Enqueue(activity);
                },
            };
            ActivitySource.AddActivityListener(_activities);
        }

        public IReadOnlyList<Activity> Activities => [.. _stopped];

        public IReadOnlyList<Measurement> Measurements(string instrument) => [.. _measurements.Where(m => m.Instrument == instrument)];

        public void Dispose()
        {
            _meters.Dispose();
            _activities.Dispose();
        }

        private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "server.port" && tag.Value is int port && port == _port)
                {
                    _measurements.Enqueue(new Measurement(instrument.Name, value, tags.ToArray()));
                    return;
                }
            }
        }
    }
}
