using ReasonStream.Cli.Errors;

namespace ReasonStream.Cli.Json;

/// <summary>Library results to the CLI's JSON shapes: the normalised counts and rates the library computes, never recomputed here.</summary>
internal static class JsonMapping
{
    public static UsageJson? Usage(TokenUsage? usage) => usage is null ? null : new UsageJson(
        usage.PromptTokens,
        usage.CompletionTokens,
        usage.OutputTokens,
        usage.ReasoningTokens,
        usage.CachedInputTokens,
        usage.PromptCacheHitTokens,
        usage.PromptCacheMissTokens,
        usage.TotalTokens);

    public static TimingsJson Timings(ChatResult result)
    {
        var t = result.Timings;
        return new TimingsJson(Ms(t.TimeToFirstByte), Ms(t.TimeToFirstReasoning), Ms(t.TimeToFirstAnswer), Ms(t.ReasoningDuration),
            Ms(t.Total) ?? 0, result.OutputTokensPerSecond is { } rate ? Math.Round(rate, 1) : null);
    }

    public static List<ToolCallJson> ToolCalls(ChatResult result) =>
        result.ToolCalls.Select(c => new ToolCallJson(c.Id, c.Name, c.Arguments)).ToList();

    public static ErrorJson? Error(ErrorReport? report) =>
        report is null ? null : new ErrorJson(report.Kind, report.Message, report.Hint, report.ExitCode, report.HttpStatus);

    private static double? Ms(TimeSpan? time) => time is { } t ? Math.Round(t.TotalMilliseconds, 1) : null;
}
