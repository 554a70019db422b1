using System.Text;
using System.Text.Json;

namespace ReasonStream.Testing;

/// <summary>The server's own replies when no scripted response applies, shaped like OpenAI errors.</summary>
internal static class ServerErrors
{
    public static ReplayResponse NotFound(string path) =>
        Json(404, $"No replay endpoint at '{path}'. The replay server serves each protocol's streaming requests (POST .../chat/completions, …) and model lists (GET .../models, …).", "not_found");

    public static ReplayResponse MethodNotAllowed(string method, string allowed) =>
        Json(405, $"Method {method} is not allowed; use {allowed}.", "method_not_allowed").WithHeader("Allow", allowed);

    public static ReplayResponse ScriptExhausted(int scriptedCount) =>
        Json(
            500,
            $"The replay script has no more responses: all {scriptedCount} scripted responses have been served.",
            "replay_script_exhausted");

    private static ReplayResponse Json(int status, string message, string type)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("message", message);
            json.WriteString("type", type);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return ReplayResponse.Error(status, Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
