using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace ReasonStream.Extensions.AI;

/// <summary>
/// JSON for values that come from <c>Microsoft.Extensions.AI</c> (arguments, tool results, additional properties):
/// its source-generated type information, written compactly, as on the wire.
/// </summary>
internal static class AdapterJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static JsonTypeInfo ArgumentsInfo { get; } = Options.GetTypeInfo(typeof(IDictionary<string, object?>));

    /// <summary>
    /// A value as JSON, with the caller's options first (they know the application's own types), then MEAI's; null when
    /// neither has type information for it — under Native AOT an unknown type has none, and that must not crash a request.
    /// </summary>
    public static JsonNode? TryToNode(object value, JsonSerializerOptions? callerOptions)
    {
        var type = value.GetType();
        if ((callerOptions is not null && callerOptions.TryGetTypeInfo(type, out var info)) || Options.TryGetTypeInfo(type, out info))
        {
            try
            {
                return JsonSerializer.SerializeToNode(value, info);
            }
            catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
            {
                // Type information that cannot write the value (a pointer or a cycle inside it): left out like a type with none.
                return null;
            }
        }

        return null;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions) { WriteIndented = false };
        options.MakeReadOnly();
        return options;
    }
}
