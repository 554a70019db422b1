using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace ReasonStream;

/// <summary>
/// One stream's transport telemetry (see <see cref="ReasonStreamTelemetry"/>). Made only when someone listens to the
/// source or the meter, so a stream nobody observes pays nothing; the transport reports its attempts and retries here,
/// and <see cref="Observe"/> sees the updates, the failure or the caller letting go.
/// </summary>
internal sealed class StreamTelemetry
{
    private static readonly string? Version = typeof(StreamTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
    private static readonly ActivitySource Source = new(ReasonStreamTelemetry.SourceName, Version);
    private static readonly Meter Meter = new(ReasonStreamTelemetry.SourceName, Version);
    private static readonly Counter<long> AttemptCounter = Meter.CreateCounter<long>(ReasonStreamTelemetry.Attempts, "{attempt}", "Attempts at the HTTP request, retries included.");
    private static readonly Histogram<double> RetryWaits = Meter.CreateHistogram<double>(ReasonStreamTelemetry.RetryWait, "s", "Time waited before a retry.");
    private static readonly Histogram<double> FirstBytes = Meter.CreateHistogram<double>(ReasonStreamTelemetry.TimeToFirstByte, "s", "From the request to the accepted response headers.");
    private static readonly Histogram<double> FirstTokens = Meter.CreateHistogram<double>(ReasonStreamTelemetry.TimeToFirstToken, "s", "From the request to the first reasoning, answer or tool-call text.");
    private static readonly Counter<long> StreamCounter = Meter.CreateCounter<long>(ReasonStreamTelemetry.Streams, "{stream}", "Streams that ended, by outcome.");
    private static readonly Histogram<double> Durations = Meter.CreateHistogram<double>(ReasonStreamTelemetry.StreamDuration, "s", "How long streams took, by outcome.");

    private readonly ChatRequest _request;
    private readonly ReasoningClientOptions _options;
    // Protocol and server on every measurement, as HttpClient's own metrics carry the server.
    private readonly TagList _tags;
    private long _start;
    private Activity? _activity;
    private bool _firstToken;
    private bool _ended;

    private StreamTelemetry(ChatRequest request, ReasoningClientOptions options)
    {
        _request = request;
        _options = options;
        var endpoint = options.EndpointFor(request.Model);
        _tags = new TagList
        {
            { "reasonstream.protocol", WireProtocols.NameOf(options.EffectiveProtocol) },
            { "server.address", endpoint.Host },
            { "server.port", endpoint.Port },
        };
    }

    /// <summary>Telemetry for a stream when anyone listens; null otherwise.</summary>
    public static StreamTelemetry? IfObserved(ChatRequest request, ReasoningClientOptions options) =>
        Source.HasListeners() || AttemptCounter.Enabled || RetryWaits.Enabled || FirstBytes.Enabled || FirstTokens.Enabled || StreamCounter.Enabled || Durations.Enabled
            ? new StreamTelemetry(request, options)
            : null;

    /// <summary>
    /// The stream with its start, first token and end recorded: the activity starts when enumeration does (so the
    /// HTTP client's own span is its child) and ends with the finish, the failure, cancellation, or the caller letting go.
    /// </summary>
    public static async IAsyncEnumerable<StreamUpdate> Observe(IAsyncEnumerable<StreamUpdate> updates, StreamTelemetry telemetry, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        telemetry.Begin();
        // A token given through WithCancellation reaches the source (linked there with the one StreamAsync was given).
        var enumerator = updates.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                StreamUpdate update;
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false)) break;
                    update = enumerator.Current;
                }
                catch (ReasonStreamException error)
                {
                    telemetry.End(OutcomeOf(error.Kind), error);
                    throw;
                }
                catch (OperationCanceledException)
                {
                    telemetry.End("canceled", null);
                    throw;
                }
                catch (Exception unexpected)
                {
                    // Not the stream's own failure (a throwing OnRetry callback, a disposed client): still a failure, not the caller letting go.
                    telemetry.End(unexpected.GetType().Name, unexpected);
                    throw;
                }

                if (update is ReasoningDelta or AnswerDelta or ToolCallDelta) telemetry.FirstToken();
                else if (update is StreamFinished finished) telemetry.End(finished.FinishReason, null);
                yield return update;
            }
        }
        finally
        {
            try
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                // Enumeration stopped before the end: the caller let go of the stream.
                telemetry.End("abandoned", null);
            }
        }
    }

    /// <summary>An attempt ended: with a status (accepted or not), or with a connection failure.</summary>
    public void Attempt(int? status, Exception? failure) => AttemptCounter.Add(1, With(Reason(status, failure)));

    /// <summary>A retry will come after <paramref name="wait"/>, because of <paramref name="failure"/>.</summary>
    public void Retrying(int attempt, TimeSpan wait, ReasonStreamException failure)
    {
        var reason = Reason(failure.StatusCode, failure);
        RetryWaits.Record(wait.TotalSeconds, With(reason));
        _activity?.AddEvent(new ActivityEvent("reasonstream.retry", tags: new ActivityTagsCollection
        {
            ["reasonstream.attempt"] = attempt,
            ["reasonstream.retry.wait"] = wait.TotalSeconds,
            [reason.Key] = reason.Value,
        }));
    }

    /// <summary>The response was accepted (2xx) after <paramref name="attempts"/> attempts.</summary>
    public void ResponseStarted(int attempts)
    {
        double seconds = Stopwatch.GetElapsedTime(_start).TotalSeconds;
        FirstBytes.Record(seconds, _tags);
        _activity?.SetTag("reasonstream.attempts", attempts).SetTag("reasonstream.time_to_first_byte", seconds);
    }

    private void Begin()
    {
        _start = Stopwatch.GetTimestamp();
        _activity = Source.StartActivity(ReasonStreamTelemetry.StreamActivity, ActivityKind.Internal);
        if (_activity is not { IsAllDataRequested: true }) return;
        _activity.DisplayName = "stream " + _request.Model;
        foreach (var tag in _tags) _activity.SetTag(tag.Key, tag.Value);
        _activity.SetTag("reasonstream.provider", _options.Provider.Name).SetTag("reasonstream.model", _request.Model);
    }

    private void FirstToken()
    {
        if (_firstToken) return;
        _firstToken = true;
        double seconds = Stopwatch.GetElapsedTime(_start).TotalSeconds;
        FirstTokens.Record(seconds, _tags);
        _activity?.SetTag("reasonstream.time_to_first_token", seconds);
    }

    private void End(string outcome, Exception? error)
    {
        if (_ended) return;
        _ended = true;
        double seconds = Stopwatch.GetElapsedTime(_start).TotalSeconds;
        var tag = new KeyValuePair<string, object?>("reasonstream.outcome", outcome);
        StreamCounter.Add(1, With(tag));
        Durations.Record(seconds, With(tag));
        if (_activity is null) return;
        _activity.SetTag(tag.Key, outcome);
        if (error is not null)
        {
            _activity.SetTag("error.type", outcome);
            if (error is ReasonStreamException { StatusCode: { } status }) _activity.SetTag("http.response.status_code", status);
            _activity.SetStatus(ActivityStatusCode.Error, error.Message);
        }

        _activity.Dispose();
    }

    private TagList With(KeyValuePair<string, object?> tag)
    {
        var tags = _tags;
        tags.Add(tag);
        return tags;
    }

    private static KeyValuePair<string, object?> Reason(int? status, Exception? failure) => status is { } code
        ? new("http.response.status_code", code)
        : new("error.type", failure is ReasonStreamException known ? OutcomeOf(known.Kind) : failure?.GetType().Name ?? "unknown");

    /// <summary>An error kind in the snake case telemetry uses: <c>RateLimited</c> is <c>rate_limited</c>.</summary>
    internal static string OutcomeOf(ReasonStreamErrorKind kind)
    {
        string name = kind.ToString();
        var snake = new DefaultInterpolatedStringHandler(name.Length + 4, 0, CultureInfo.InvariantCulture);
        for (int i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) snake.AppendFormatted('_');
            snake.AppendFormatted(char.ToLowerInvariant(name[i]));
        }

        return snake.ToStringAndClear();
    }
}
