using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReasonStream.Extensions.AI;

/// <summary>
/// How OpenRouter <c>reasoning_details</c> ride in <see cref="Microsoft.Extensions.AI.TextReasoningContent.ProtectedData"/>:
/// the JSON array exactly as the provider sent it (merged from the stream), so it goes back unchanged. Protected
/// data that is not a JSON array came from some other provider and is not ours to send.
/// </summary>
internal static class ReasoningDetailsCarrier
{
    /// <summary>Adds <paramref name="protectedData"/> to what was collected so far, when it is a details array.</summary>
    public static string? Merge(string? collected, string? protectedData)
    {
        if (!IsDetailsArray(protectedData)) return collected;
        if (collected is null) return protectedData;

        // Several reasoning items on one message: one array with the items of each, in order.
        var merged = (JsonArray)JsonNode.Parse(collected)!;
        foreach (var item in (JsonArray)JsonNode.Parse(protectedData!)!) merged.Add(item?.DeepClone());
        return merged.ToJsonString();
    }

    private static bool IsDetailsArray(string? data)
    {
        if (data is null || data.AsSpan().TrimStart() is not ['[', ..]) return false;
        try
        {
            using var document = JsonDocument.Parse(data);
            return document.RootElement.ValueKind == JsonValueKind.Array;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
