using System.Text.Json;

namespace ReasonStream;

/// <summary>A function the model may call.</summary>
/// <param name="Name">The function's name.</param>
/// <param name="Description">What it does, for the model.</param>
/// <param name="Parameters">A JSON Schema object for its arguments (null: no parameters).</param>
public sealed record ToolDefinition(string Name, string? Description = null, JsonElement? Parameters = null)
{
    /// <summary>Ask the provider to hold the arguments to the schema exactly (<c>strict</c>), where supported.</summary>
    public bool? Strict { get; init; }
}
