namespace ReasonStream.Testing;

/// <summary>
/// The endpoints the replay server answers from its script, by path suffix and method: every protocol's streaming
/// request, and every protocol's model list (<c>ReasoningClient.ListModelsAsync</c>).
/// </summary>
internal static class ReplayEndpoints
{
    private static readonly (string Suffix, string Method)[] Scripted =
    [
        ("/chat/completions", "POST"), // chat completions
        ("/responses", "POST"), // OpenAI Responses
        ("/v1/messages", "POST"), // Anthropic Messages
        (":streamGenerateContent", "POST"), // Gemini
        ("/api/chat", "POST"), // Ollama
        ("/api/generate", "POST"),
        ("/models", "GET"), // model lists: OpenAI-style {base}/models, Anthropic's /v1/models, Gemini's {base}/models
        ("/api/tags", "GET"), // Ollama's model list …
        ("/api/show", "POST"), // … and its per-model details
    ];

    /// <summary>The method the endpoint at <paramref name="path"/> takes, or null when nothing is served there.</summary>
    public static string? MethodFor(string path)
    {
        string trimmed = path.TrimEnd('/');
        foreach (var (suffix, method) in Scripted)
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return method;
        }

        return null;
    }
}
