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
            OutputTokenCount = usage.OutputTokens, // reasoning included, as UsageDetails defines it: the library normalises it
            TotalTokenCount = usage.TotalTokens,
            ReasoningTokenCount = usage.ReasoningTokens,
            CachedInputTokenCount = usage.CachedInputTokens,
        };
        if (usage.PromptCacheHitTokens is { } hit) (details.AdditionalCounts ??= [])[PromptCacheHitTokens] = hit;
        if (usage.PromptCacheMissTokens is { } miss) (details.AdditionalCounts ??= [])[PromptCacheMissTokens] = miss;
        return details;
    }

}
