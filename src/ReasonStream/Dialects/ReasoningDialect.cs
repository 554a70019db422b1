namespace ReasonStream;

/// <summary>How a provider spells reasoning in a chat-completions stream.</summary>
public enum ReasoningDialect
{
    /// <summary>
    /// Detect from what arrives: <c>reasoning_content</c>, <c>reasoning</c>, <c>reasoning_details</c>,
    /// typed content parts, and <c>&lt;think&gt;</c> at the start of the content. The default.
    /// </summary>
    Auto,

    /// <summary>
    /// Reasoning inside the content between <c>&lt;think&gt;</c> and <c>&lt;/think&gt;</c>, recognised anywhere
    /// in the stream (split-safe across chunks), besides everything <see cref="Auto"/> knows.
    /// </summary>
    ThinkTags,

    /// <summary>
    /// As <see cref="ThinkTags"/>, but the stream starts already inside the thinking (the chat template
    /// opened the <c>&lt;think&gt;</c> tag in the prompt): content is reasoning until <c>&lt;/think&gt;</c>.
    /// </summary>
    ThinkTagsOpen,

    /// <summary>The content is only answer: never look for tags (dedicated reasoning fields are still read).</summary>
    None,
}
