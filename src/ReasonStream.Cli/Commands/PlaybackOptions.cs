using System.CommandLine;
using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Rendering;

namespace ReasonStream.Cli.Commands;

/// <summary>Options of `reason demo` and `reason replay`: pace and view.</summary>
internal sealed class PlaybackOptions
{
    public Option<double?> Speed { get; } = new Option<double?>("--speed") { Description = "Play N times faster (0.5 = half speed; at most 10000)", HelpName = "N", CustomParser = NumberParsers.Decimal }
        .Require(s => s > 0 && s <= 10_000, "--speed must be a positive number up to 10000 (2 = twice as fast), not {0}.");

    public Option<bool> Fast { get; } = new("--fast") { Description = "No pacing at all: as fast as the client reads (for tests)" };
    public Option<bool> Json { get; } = new("--json") { Description = "NDJSON on stdout, as `reason --json`" };
    public Option<bool> Stats { get; } = new("--stats") { Description = "Show timings and token usage at the end" };
    public Option<bool> HideReasoning { get; } = new("--hide-reasoning") { Description = "Do not show the reasoning" };
    public Option<bool> CollapseReasoning { get; } = new("--collapse-reasoning") { Description = "On a terminal, fold the reasoning into one line once the answer starts" };
    public Option<bool> Raw { get; } = new("--raw", "--no-markdown") { Description = "Print the answer exactly as the model wrote it, even on a terminal" };
    public Option<bool> NoColor { get; } = new("--no-color") { Description = "Plain text, no escape codes" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Speed, Fast, Json, Stats, HideReasoning, CollapseReasoning, Raw, NoColor }) command.Add(option);
    }

    /// <summary>The pace and the view, with the config file's display defaults ("reasoning", "markdown") where the command line said nothing.</summary>
    public PlaybackSettings Read(ParseResult parse)
    {
        bool hide = parse.GetValue(HideReasoning), collapse = parse.GetValue(CollapseReasoning), raw = parse.GetValue(Raw);
        var output = new OutputSettings
        {
            Json = parse.GetValue(Json),
            Stats = parse.GetValue(Stats),
            Reasoning = hide ? ReasoningView.Hide : collapse ? ReasoningView.Collapse : ReasoningView.Show,
            NoColor = parse.GetValue(NoColor),
            Markdown = !raw,
        };
        var paths = AppPaths.FromEnvironment();
        output = SettingsValidator.Complete(output, reasoningGiven: hide || collapse, markdownGiven: raw, ConfigLoader.Load(paths), paths.ConfigFile);
        return new(parse.GetValue(Speed) ?? 1.0, parse.GetValue(Fast), output);
    }
}

/// <summary>How to play a stream back and show it.</summary>
internal sealed record PlaybackSettings(double Speed, bool FullSpeed, OutputSettings Output)
{
    public IExchangeRenderer CreateRenderer(ConsoleTarget stdout, ConsoleTarget stderr) => Output.Json
        ? new JsonLinesRenderer(stdout, stderr, Output)
        : new HumanRenderer(stdout, stderr, Output);
}
