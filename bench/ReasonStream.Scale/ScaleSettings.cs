using System.Globalization;

namespace ReasonStream.Scale;

/// <summary>How many streams and callers, and how the paced streams are paced.</summary>
internal sealed record ScaleSettings(int Streams, int SyncCallers, int Chunks, int IntervalMs, int SyncChunks)
{
    public static ScaleSettings Parse(string[] args)
    {
        var settings = new ScaleSettings(Streams: 1000, SyncCallers: 500, Chunks: 200, IntervalMs: 50, SyncChunks: 40);
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            int value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            settings = args[i] switch
            {
                "--streams" => settings with { Streams = value },
                "--sync-callers" => settings with { SyncCallers = value },
                "--chunks" => settings with { Chunks = value },
                "--interval-ms" => settings with { IntervalMs = value },
                "--sync-chunks" => settings with { SyncChunks = value },
                _ => throw new ArgumentException("unknown option " + args[i]),
            };
        }

        return settings;
    }
}
