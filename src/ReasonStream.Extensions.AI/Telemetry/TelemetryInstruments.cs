using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace ReasonStream.Extensions.AI;

/// <summary>The process-wide <see cref="ActivitySource"/> and <see cref="Meter"/> named <c>ReasonStream</c>, and their instruments.</summary>
internal static class TelemetryInstruments
{
    private static readonly string? Version =
        typeof(TelemetryInstruments).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];

    public static ActivitySource Source { get; } = new(ReasoningTelemetry.SourceName, Version);

    public static Meter Meter { get; } = new(ReasoningTelemetry.SourceName, Version);

    /// <summary>Bucket boundaries the conventions advise for durations in seconds.</summary>
    private static readonly double[] DurationBuckets = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

    /// <summary>Bucket boundaries the conventions advise for token counts.</summary>
    private static readonly long[] TokenBuckets = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

    public static Histogram<double> OperationDuration { get; } = Meter.CreateHistogram(
        GenAiConventions.OperationDurationMetric, "s", "GenAI operation duration.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    public static Histogram<long> TokenUsage { get; } = Meter.CreateHistogram(
        GenAiConventions.TokenUsageMetric, "{token}", "Number of input and output tokens used.",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = TokenBuckets });

    /// <summary>
    /// Reasoning tokens on their own instrument: they are part of the output for most providers, so recording
    /// them under gen_ai.client.token.usage would count them twice in any sum over token types.
    /// </summary>
    public static Histogram<long> ReasoningTokens { get; } = Meter.CreateHistogram(
        GenAiConventions.ReasoningTokensMetric, "{token}", "Number of output tokens spent reasoning (a part of the output tokens for most providers).",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = TokenBuckets });

    public static Histogram<double> TimeToFirstChunk { get; } = Meter.CreateHistogram(
        GenAiConventions.TimeToFirstChunkMetric, "s", "Time from the request to the first chunk of reasoning, answer or tool call.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    public static Counter<long> Errors { get; } = Meter.CreateCounter<long>(
        GenAiConventions.ErrorsMetric, "{error}", "Chat operations that failed, by error.type.");
}
