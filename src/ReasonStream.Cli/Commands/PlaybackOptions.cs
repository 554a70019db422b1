using System.CommandLine;
using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Rendering;

namespace ReasonStream.Cli.Commands;

/// <summary>Options of `reason demo` and `reason replay`: pace and view.</summary>
internal sealed class PlaybackOptions
{
    public Option<double?> Speed { get; } = new("--speed") { Description = "Play N times faster (0.5 = half speed)", HelpName = "N", CustomParser = NumberParsers.Decimal };
    public Option<bool> Fast { get; } = new("--fast") { Description = "No pacing at all: as fast as the client reads (for tests)" };
    public Option<bool> Json { get; } = new("--json") { Description = "NDJSON on stdout, as `reason --json`" };
    public Option<bool> Stats { get; } = new("--stats") { Description = "Show timings and token usage at the end" };
    public Option<bool> HideReasoning { get; } = new("--hide-reasoning") { Description = "Do not show the reasoning" };
    public Option<bool> NoColor { get; } = new("--no-color") { Description = "Plain text, no escape codes" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Speed, Fast, Json, Stats, HideReasoning, NoColor }) command.Add(option);
    }

    public PlaybackSettings Read(ParseResult parse)
    {
        double speed = parse.GetValue(Speed) ?? 1.0;
        if (!double.IsFinite(speed) || speed <= 0 || speed > 10_000)
        {
            throw new CliException(ExitCodes.Usage, "--speed must be a positive number (2 = twice as fast).", null);
        }

        return new PlaybackSettings(speed, parse.GetValue(Fast), new OutputSettings
        {
            Json = parse.GetValue(Json),
            Stats = parse.GetValue(Stats),
            HideReasoning = parse.GetValue(HideReasoning),
            NoColor = parse.GetValue(NoColor),
        });
    }
}

/// <summary>How to play a stream back and show it.</summary>
internal sealed record PlaybackSettings(double Speed, bool FullSpeed, OutputSettings Output)
{
    public IExchangeRenderer CreateRenderer(ConsoleTarget stdout, ConsoleTarget stderr) => Output.Json
        ? new JsonLinesRenderer(stdout, stderr, Output)
        : new HumanRenderer(stdout, stderr, Output);
}
