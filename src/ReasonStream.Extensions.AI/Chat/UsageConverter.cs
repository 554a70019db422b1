using Microsoft.Extensions.AI;

namespace ReasonStream.Extensions.AI;

/// <summary>The library's <see cref="TokenUsage"/> as <see cref="UsageDetails"/>.</summary>
internal static class UsageConverter
{
    /// <summary>The DeepSeek cache-hit count, in <see cref="UsageDetails.AdditionalCounts"/>.</summary>
    public const string PromptCacheHitTokens = "prompt_cache_hit_tokens";

    /// <summary>The DeepSeek cache-miss count, in <see cref="UsageDetails.AdditionalCounts"/>.</summary>
    public const string PromptCacheMissTokens = "prompt_cache_miss_tokens";

    public static UsageDetails ToDetails(TokenUsage usage)
    {
        var details = new UsageDetails
        {
            InputTokenCount = usage.PromptTokens,
            OutputTokenCount = OutputIncludingReasoning(usage),
            TotalTokenCount = usage.TotalTokens,
            ReasoningTokenCount = usage.ReasoningTokens,
            CachedInputTokenCount = usage.CachedPromptTokens ?? usage.PromptCacheHitTokens,
        };
        if (usage.PromptCacheHitTokens is { } hit) (details.AdditionalCounts ??= [])[PromptCacheHitTokens] = hit;
        if (usage.PromptCacheMissTokens is { } miss) (details.AdditionalCounts ??= [])[PromptCacheMissTokens] = miss;
        return details;
    }

    /// <summary>
    /// <see cref="UsageDetails.OutputTokenCount"/> includes reasoning by definition. Most providers count it inside
    /// <c>completion_tokens</c>; xAI does not, which shows in the numbers: total = prompt + completion + reasoning.
    /// </summary>
    public static long? OutputIncludingReasoning(TokenUsage usage)
    {
        if (usage is { CompletionTokens: { } completion, ReasoningTokens: { } reasoning and > 0, PromptTokens: { } prompt, TotalTokens: { } total }
            && total == (long)prompt + completion + reasoning)
        {
            return (long)completion + reasoning;
        }

        return usage.CompletionTokens;
    }
}
