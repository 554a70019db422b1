using System.Text.Json;

namespace ReasonStream;

/// <summary>The shape the answer must take (<c>response_format</c>).</summary>
public sealed record ResponseFormat
{
    private ResponseFormat(string type, string? schemaName, JsonElement? schema, bool? strict)
    {
        Type = type;
        SchemaName = schemaName;
        Schema = schema;
        Strict = strict;
    }

    /// <summary><c>text</c>, <c>json_object</c> or <c>json_schema</c>.</summary>
    public string Type { get; }

    /// <summary>The schema's name, for <c>json_schema</c>.</summary>
    public string? SchemaName { get; }

    /// <summary>The JSON Schema, for <c>json_schema</c>.</summary>
    public JsonElement? Schema { get; }

    /// <summary>Whether the schema is enforced strictly, for <c>json_schema</c>.</summary>
    public bool? Strict { get; }

    /// <summary>Plain text.</summary>
    public static ResponseFormat Text { get; } = new("text", null, null, null);

    /// <summary>Any valid JSON object.</summary>
    public static ResponseFormat JsonObject { get; } = new("json_object", null, null, null);

    /// <summary>JSON that follows the given schema.</summary>
    /// <param name="name">A name for the schema.</param>
    /// <param name="schema">The JSON Schema.</param>
    /// <param name="strict">Whether the provider must follow it exactly.</param>
    public static ResponseFormat JsonSchema(string name, JsonElement schema, bool? strict = true) => new("json_schema", name, schema, strict);
}
