namespace ReasonStream;

/// <summary>
/// Token counts as the provider reported them, plus the normalised counts to compare providers by. Providers differ:
/// DeepSeek, OpenAI and Anthropic count reasoning inside <see cref="CompletionTokens"/>, xAI and Gemini do not —
/// <see cref="OutputTokens"/> always includes it; read <see cref="ReasoningTokens"/> for the thinking alone.
/// </summary>
public sealed record TokenUsage
{

    /// <summary>Tokens of the request.</summary>
    public int? PromptTokens { get; init; }

    /// <summary>Generated tokens (with or without reasoning, depending on the provider).</summary>
    public int? CompletionTokens { get; init; }

    /// <summary>
    /// Generated tokens with the reasoning included, whatever the provider's own counting: the number to compute
    /// tokens per second and costs from. Equals <see cref="CompletionTokens"/> unless the provider reports reasoning
    /// apart — which its own numbers show: total = prompt + completion + reasoning (xAI, Gemini).
    /// </summary>
    public int? OutputTokens =>
        this is { CompletionTokens: { } completion, ReasoningTokens: { } reasoning and > 0, PromptTokens: { } prompt, TotalTokens: { } total }
            && (long)total == (long)prompt + completion + reasoning ? completion + reasoning : CompletionTokens;

    /// <summary>Prompt tokens served from cache, from whichever field the provider uses (<see cref="CachedPromptTokens"/>, else DeepSeek's hit count).</summary>
    public int? CachedInputTokens => CachedPromptTokens ?? PromptCacheHitTokens;

    /// <summary>Total tokens, as reported.</summary>
    public int? TotalTokens { get; init; }

    /// <summary>Tokens spent thinking (<c>completion_tokens_details.reasoning_tokens</c> and equivalents).</summary>
    public int? ReasoningTokens { get; init; }

    /// <summary>Prompt tokens served from cache (<c>prompt_tokens_details.cached_tokens</c>, Anthropic cache reads).</summary>
    public int? CachedPromptTokens { get; init; }

    /// <summary>DeepSeek <c>prompt_cache_hit_tokens</c>.</summary>
    public int? PromptCacheHitTokens { get; init; }

    /// <summary>DeepSeek <c>prompt_cache_miss_tokens</c>.</summary>
    public int? PromptCacheMissTokens { get; init; }

    /// <summary>Combines two reports of the same response: values of <paramref name="later"/> win where present.</summary>
    /// <param name="later">The more recent report.</param>
    public TokenUsage MergeWith(TokenUsage later)
    {
        ArgumentNullException.ThrowIfNull(later);
        return new TokenUsage
        {
            PromptTokens = later.PromptTokens ?? PromptTokens,
            CompletionTokens = later.CompletionTokens ?? CompletionTokens,
            TotalTokens = later.TotalTokens ?? TotalTokens,
            ReasoningTokens = later.ReasoningTokens ?? ReasoningTokens,
            CachedPromptTokens = later.CachedPromptTokens ?? CachedPromptTokens,
            PromptCacheHitTokens = later.PromptCacheHitTokens ?? PromptCacheHitTokens,
            PromptCacheMissTokens = later.PromptCacheMissTokens ?? PromptCacheMissTokens,
        };
    }
}
