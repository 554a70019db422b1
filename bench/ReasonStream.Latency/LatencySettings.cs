using System.Globalization;

namespace ReasonStream.Latency;

/// <summary>Command-line settings of a latency run.</summary>
internal sealed record LatencySettings
{
    /// <summary>Deltas per stream (half reasoning, half answer).</summary>
    public int Deltas { get; init; } = 200;

    /// <summary>The pacing: one event every this many milliseconds.</summary>
    public int IntervalMs { get; init; } = 10;

    /// <summary>Rounds; each runs every consumer once, in an order that rotates. Round 0 warms up and is not counted.</summary>
    public int Rounds { get; init; } = 6;

    /// <summary>
    /// Built <c>reason</c>s (an executable, or its <c>.dll</c> to run with <c>dotnet</c>): adds each CLI and a child-process
    /// floor. Several (the option repeated) run in the same rounds, for an A/B of two builds.
    /// </summary>
    public IReadOnlyList<string> Clis { get; init; } = [];

    /// <summary>Where to write every delta's timestamps as CSV, if anywhere.</summary>
    public string? Csv { get; init; }

    public static LatencySettings Parse(string[] args)
    {
        var settings = new LatencySettings();
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            settings = args[i] switch
            {
                "--deltas" => settings with { Deltas = Positive(value) },
                "--interval-ms" => settings with { IntervalMs = Positive(value) },
                "--rounds" => settings with { Rounds = Math.Max(2, Positive(value)) },
                "--cli" => settings with { Clis = [.. settings.Clis, Path.GetFullPath(value)] },
                "--csv" => settings with { Csv = Path.GetFullPath(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --deltas N --interval-ms MS --rounds N --cli PATH --csv FILE"),
            };
            i++;
        }

        return settings;
    }

    private static int Positive(string text)
    {
        int value = int.Parse(text, CultureInfo.InvariantCulture);
        return value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(text), value, "Must be positive.");
    }
}
