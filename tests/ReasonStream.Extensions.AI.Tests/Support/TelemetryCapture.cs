using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ReasonStream.Extensions.AI.Tests.Support;

/// <summary>
/// Listens to the ReasonStream source and meter and to one application source (where <c>UseOpenTelemetry</c> writes),
/// keeping only what concerns one model name, as tests run in parallel.
/// </summary>
public sealed class TelemetryCapture : IDisposable
{
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();

    public TelemetryCapture(string model, string applicationSource)
    {
        Model = model;
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ReasonStreamTelemetry.SourceName || source.Name == applicationSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if ((string?)(activity.GetTagItem("gen_ai.request.model") ?? activity.GetTagItem("reasonstream.model")) == Model) Activities.Enqueue(activity);
            },
        };
        ActivitySource.AddActivityListener(_activities);

        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == applicationSource) listener.EnableMeasurementEvents(instrument);
        };
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();
    }

    public string Model { get; }

    public ConcurrentQueue<Activity> Activities { get; } = new();

    public ConcurrentQueue<Measurement> Measurements { get; } = new();

    /// <summary>The spans of one source.</summary>
    public IReadOnlyList<Activity> From(string source) => [.. Activities.Where(a => a.Source.Name == source)];

    public IEnumerable<Measurement> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument);

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
        if (copy.TryGetValue("gen_ai.request.model", out var model) && (string?)model == Model) Measurements.Enqueue(new Measurement(instrument.Name, instrument.Unit, value, copy));
    }

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    public sealed record Measurement(string Instrument, string? Unit, double Value, Dictionary<string, object?> Tags);
}
