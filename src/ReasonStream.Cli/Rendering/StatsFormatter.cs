using System.Globalization;

namespace ReasonStream.Cli.Rendering;

/// <summary>The <c>--stats</c> lines: when things happened, how fast, and what it cost in tokens.</summary>
internal static class StatsFormatter
{
    public static IReadOnlyList<string> Lines(ChatResult result)
    {
        var t = result.Timings;
        var timing = new List<string>
        {
            "first reasoning token " + Durations.Seconds(t.TimeToFirstReasoning),
            "first answer token " + Durations.Seconds(t.TimeToFirstAnswer),
            "reasoning " + Durations.Seconds(t.ReasoningDuration),
            "total " + Durations.Seconds(t.Total),
        };
        if (TokensPerSecond(result) is { } rate) timing.Add(rate.ToString("0.0", CultureInfo.InvariantCulture) + " tok/s");

        var lines = new List<string> { "time:  " + string.Join(" · ", timing) };
        if (result.Usage is { } u)
        {
            var usage = new List<string>();
            if (u.PromptTokens is { } prompt)
            {
                int? cached = u.PromptCacheHitTokens ?? u.CachedPromptTokens;
                usage.Add($"prompt {prompt}" + (cached is { } c ? $" (cached {c})" : ""));
            }

            if (u.CompletionTokens is { } completion) usage.Add($"completion {completion}" + (u.ReasoningTokens is { } r ? $" (reasoning {r})" : ""));
            else if (u.ReasoningTokens is { } reasoningOnly) usage.Add($"reasoning {reasoningOnly}");
            if (u.TotalTokens is { } total) usage.Add($"total {total}");
            lines.Add("usage: " + (usage.Count == 0 ? "not reported" : string.Join(" · ", usage) + " tokens"));
        }
        else
        {
            lines.Add("usage: not reported by the provider");
        }

        return lines;
    }

    /// <summary>Generated tokens per second, from the first token to the last.</summary>
    public static double? TokensPerSecond(ChatResult result)
    {
        var t = result.Timings;
        TimeSpan? first = Min(t.TimeToFirstReasoning, t.TimeToFirstAnswer);
        int? tokens = result.Usage?.CompletionTokens;
        if (first is not { } start || tokens is not { } count || count <= 0) return null;
        double seconds = (t.Total - start).TotalSeconds;
        return seconds > 0.001 ? Math.Round(count / seconds, 1) : null;
    }

    private static TimeSpan? Min(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : (a < b ? a : b);
}
