using System.Text.Json;
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

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions) { WriteIndented = false };
        options.MakeReadOnly();
        return options;
    }
}
