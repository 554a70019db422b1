using System.Text.Json.Serialization;
using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Logging;

namespace ReasonStream.Cli.Json;

/// <summary>Every JSON shape the CLI reads or writes, generated at compile time (no reflection: Native AOT safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CliConfig))]
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
[JsonSerializable(typeof(ReasoningBlockEvent))]
[JsonSerializable(typeof(ExchangeRecord))]
[JsonSerializable(typeof(List<ExchangeRecord>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
