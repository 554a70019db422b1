using ReasonStream.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReasonStream.Cli.Logging;

/// <summary>The log's JSON (the tool-calls column, `reason logs --json`), generated at compile time: snake_case, readable UTF-8.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ExchangeRecord))]
[JsonSerializable(typeof(List<ExchangeRecord>))]
[JsonSerializable(typeof(List<LoggedToolCall>))]
internal sealed partial class LogJsonContext : JsonSerializerContext
{
    public static LogJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = ReadableJsonEncoder.Instance,
    });
}
