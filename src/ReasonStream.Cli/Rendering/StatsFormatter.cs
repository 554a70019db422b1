using System.Globalization;

namespace ReasonStream.Cli.Rendering;

/// <summary>
/// The <c>--stats</c> lines: when things happened, how fast, and what it cost in tokens — every figure as the library
/// computes it (the reasoning phase's one clock, <see cref="ChatResult.OutputTokensPerSecond"/>, the normalised output and
/// cached-input counts). Lines break between figures, never inside one, to fit the terminal.
/// </summary>
internal static class StatsFormatter
{
    private const string Separator = " · ";
    private const string Continuation = "       ";

    public static IReadOnlyList<string> Lines(ChatResult result, int width = int.MaxValue)
    {
        var t = result.Timings;
        var timing = new List<string>
        {
            "first reasoning token " + Durations.Seconds(t.TimeToFirstReasoning),
            "first answer token " + Durations.Seconds(t.TimeToFirstAnswer),
            "reasoning " + Durations.Seconds(t.ReasoningDuration),
            "total " + Durations.Seconds(t.Total),
        };
        if (result.OutputTokensPerSecond is { } rate) timing.Add(rate.ToString("0.0", CultureInfo.InvariantCulture) + " tok/s");

        var lines = new List<string>();
        Wrap(lines, "time:  ", timing, "", width);
        if (result.Usage is { } u)
        {
            var usage = new List<string>();
            if (u.PromptTokens is { } prompt) usage.Add($"prompt {prompt}" + (u.CachedInputTokens is { } cached ? $" (cached {cached})" : ""));
            if (u.OutputTokens is { } output) usage.Add($"output {output}" + (u.ReasoningTokens is { } r ? $" (reasoning {r})" : ""));
            else if (u.ReasoningTokens is { } reasoningOnly) usage.Add($"reasoning {reasoningOnly}");
            if (u.TotalTokens is { } total) usage.Add($"total {total}");
            if (usage.Count == 0) lines.Add("usage: not reported");
            else Wrap(lines, "usage: ", usage, " tokens", width);
        }
        else
        {
            lines.Add("usage: not reported by the provider");
        }

        return lines;
    }

    /// <summary>Joins the figures with " · ", starting a new (indented) line rather than cutting a figure at the edge.</summary>
    private static void Wrap(List<string> lines, string label, List<string> figures, string end, int width)
    {
        var line = new System.Text.StringBuilder(label);
        bool empty = true;
        for (int i = 0; i < figures.Count; i++)
        {
            string figure = figures[i] + (i == figures.Count - 1 ? end : "");
            if (!empty && line.Length + Separator.Length + figure.Length > width)
            {
                lines.Add(line.ToString() + Separator.TrimEnd());
                line.Clear().Append(Continuation);
                empty = true;
            }

            if (!empty) line.Append(Separator);
            line.Append(figure);
            empty = false;
        }

        lines.Add(line.ToString());
    }
}
