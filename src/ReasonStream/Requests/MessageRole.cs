namespace ReasonStream;

/// <summary>Who speaks in a <see cref="Message"/>.</summary>
public enum MessageRole
{
    /// <summary>Instructions for the model (<c>system</c>).</summary>
    System,

    /// <summary>The person asking (<c>user</c>).</summary>
    User,

    /// <summary>The model's own earlier turn (<c>assistant</c>), possibly with tool calls and reasoning.</summary>
    Assistant,

    /// <summary>The result of a tool call (<c>tool</c>).</summary>
    Tool,
}
