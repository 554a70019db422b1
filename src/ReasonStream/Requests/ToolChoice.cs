namespace ReasonStream;

/// <summary>Whether and which tool the model must call (<c>tool_choice</c>).</summary>
public sealed record ToolChoice
{
    private ToolChoice(string mode, string? functionName)
    {
        Mode = mode;
        FunctionName = functionName;
    }

    /// <summary><c>auto</c>, <c>none</c>, <c>required</c>, or <c>function</c>.</summary>
    public string Mode { get; }

    /// <summary>The function that must be called, when <see cref="Mode"/> is <c>function</c>.</summary>
    public string? FunctionName { get; }

    /// <summary>The model decides.</summary>
    public static ToolChoice Auto { get; } = new("auto", null);

    /// <summary>The model must not call tools.</summary>
    public static ToolChoice None { get; } = new("none", null);

    /// <summary>The model must call at least one tool.</summary>
    public static ToolChoice Required { get; } = new("required", null);

    /// <summary>The model must call the named function.</summary>
    /// <param name="name">The function's name.</param>
    public static ToolChoice Function(string name) => new("function", name);
}
