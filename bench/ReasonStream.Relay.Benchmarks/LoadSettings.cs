using System.Globalization;

namespace ReasonStream.Relay.Benchmarks;

/// <summary>The shape of one load run.</summary>
internal sealed record LoadSettings(int Followers, int Streams, int Pieces, TimeSpan Interval, bool UseRedis)
{
    public static LoadSettings Parse(string[] args)
    {
        var settings = new LoadSettings(1000, 10, 300, TimeSpan.FromMilliseconds(20), UseRedis: true);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            settings = args[i] switch
            {
                "--followers" => settings with { Followers = int.Parse(value, CultureInfo.InvariantCulture) },
                "--streams" => settings with { Streams = int.Parse(value, CultureInfo.InvariantCulture) },
                "--pieces" => settings with { Pieces = int.Parse(value, CultureInfo.InvariantCulture) },
                "--interval-ms" => settings with { Interval = TimeSpan.FromMilliseconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--store" => settings with { UseRedis = value == "redis" },
                _ => throw new ArgumentException("Unknown option " + args[i]),
            };
        }

        return settings;
    }
}
