using Microsoft.Extensions.Logging;

namespace ReasonStream.Extensions.AI;

/// <summary>What the adapter tells the application about values it could not pass on.</summary>
internal static partial class AdapterLog
{
    [LoggerMessage(20, LogLevel.Warning, "ChatOptions.AdditionalProperties['{Name}'] was not sent: {Type} could not be written as JSON (its type information is missing — under Native AOT only source-generated types can be written: add it to ReasoningChatClientOptions.JsonSerializerOptions — or cannot write this value).")]
    private static partial void PropertyLeftOutCore(ILogger logger, string name, string type);

    public static void PropertyLeftOut(ILogger? logger, string name, string type)
    {
        if (logger is not null) PropertyLeftOutCore(logger, name, type);
    }
}
