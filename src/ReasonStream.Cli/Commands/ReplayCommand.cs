using System.CommandLine;

namespace ReasonStream.Cli.Commands;

internal static class ReplayCommand
{
    public static Command Create() => new("replay", "Play a recorded stream (.sse or .chunks.jsonl) through the real client and renderer");
}
