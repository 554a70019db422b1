using ReasonStream.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReasonStream.Cli.Json;

/// <summary>
/// The JSON the CLI writes for programs (NDJSON events, providers, models, config), generated at compile time (no
/// reflection: Native AOT safe); <see cref="Readable"/> writes snake_case keys and UTF-8 text as text.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(StartEvent))]
[JsonSerializable(typeof(MetadataEvent))]
[JsonSerializable(typeof(TextEvent))]
[JsonSerializable(typeof(ToolCallEvent))]
[JsonSerializable(typeof(UsageEvent))]
[JsonSerializable(typeof(FinishEvent))]
[JsonSerializable(typeof(SummaryEvent))]
[JsonSerializable(typeof(IReadOnlyList<ToolCallJson>))]
[JsonSerializable(typeof(UsageJson))]
[JsonSerializable(typeof(TimingsJson))]
[JsonSerializable(typeof(ErrorJson))]
[JsonSerializable(typeof(List<ToolCallJson>))]
[JsonSerializable(typeof(List<ProviderJson>))]
[JsonSerializable(typeof(List<ModelJson>))]
[JsonSerializable(typeof(ConfigJson))]
[JsonSerializable(typeof(ReasoningBlockEvent))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    public static CliJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = ReadableJsonEncoder.Instance,
    });
}
