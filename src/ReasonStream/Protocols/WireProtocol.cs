namespace ReasonStream;

/// <summary>
/// The wire protocol of an endpoint: how the request is written and how the stream is read. A property of the
/// endpoint (its preset, or <see cref="ReasoningClientOptions.Protocol"/>), chosen before the request is sent.
/// </summary>
public enum WireProtocol
{
    /// <summary>OpenAI-style <c>POST {base}/chat/completions</c>: DeepSeek, OpenRouter, Groq, vLLM, SGLang, llama.cpp and most servers.</summary>
    ChatCompletions,

    /// <summary>OpenAI's Responses API, <c>POST {base}/responses</c>: OpenAI's reasoning summaries; raw reasoning on DeepSeek, xAI, vLLM, OpenRouter, LM Studio.</summary>
    Responses,

    /// <summary>Anthropic Messages, <c>POST {base}/v1/messages</c>: thinking blocks with signatures.</summary>
    AnthropicMessages,

    /// <summary>Gemini's native <c>POST {base}/models/{model}:streamGenerateContent?alt=sse</c>: thought parts and thought signatures.</summary>
    GeminiGenerateContent,

    /// <summary>Ollama's native <c>POST {base}/api/chat</c> (newline-delimited JSON) with <c>think</c>.</summary>
    OllamaChat,
}

/// <summary>The short names of <see cref="WireProtocol"/> values, as <c>reason --api NAME</c> and configuration files spell them.</summary>
public static class WireProtocols
{
    /// <summary>Every protocol, in the order of <see cref="WireProtocol"/>.</summary>
    public static IReadOnlyList<WireProtocol> All { get; } =
        [WireProtocol.ChatCompletions, WireProtocol.Responses, WireProtocol.AnthropicMessages, WireProtocol.GeminiGenerateContent, WireProtocol.OllamaChat];

    /// <summary>The short name: <c>chat</c>, <c>responses</c>, <c>anthropic</c>, <c>gemini</c> or <c>ollama</c>.</summary>
    /// <param name="protocol">The protocol.</param>
    public static string NameOf(WireProtocol protocol) => protocol switch
    {
        WireProtocol.ChatCompletions => "chat",
        WireProtocol.Responses => "responses",
        WireProtocol.AnthropicMessages => "anthropic",
        WireProtocol.GeminiGenerateContent => "gemini",
        WireProtocol.OllamaChat => "ollama",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "Unknown wire protocol."),
    };

    /// <summary>A human name for messages, e.g. <c>the Anthropic Messages API</c>.</summary>
    /// <param name="protocol">The protocol.</param>
    public static string Describe(WireProtocol protocol) => protocol switch
    {
        WireProtocol.ChatCompletions => "chat completions",
        WireProtocol.Responses => "the Responses API",
        WireProtocol.AnthropicMessages => "the Anthropic Messages API",
        WireProtocol.GeminiGenerateContent => "Gemini's streamGenerateContent",
        WireProtocol.OllamaChat => "Ollama's native /api/chat",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "Unknown wire protocol."),
    };

    /// <summary>Reads a short name (case-insensitive); also accepts the enum names and a few common spellings.</summary>
    /// <param name="name">e.g. <c>responses</c>, <c>anthropic</c>, <c>messages</c>, <c>chat-completions</c>.</param>
    /// <param name="protocol">The protocol named.</param>
    /// <returns>True when the name is known.</returns>
    public static bool TryParse(string? name, out WireProtocol protocol)
    {
        protocol = default;
        switch (name?.Trim().ToLowerInvariant())
        {
            case "chat" or "chat-completions" or "chatcompletions" or "openai" or "completions":
                protocol = WireProtocol.ChatCompletions;
                return true;
            case "responses" or "response":
                protocol = WireProtocol.Responses;
                return true;
            case "anthropic" or "messages" or "anthropicmessages" or "anthropic-messages":
                protocol = WireProtocol.AnthropicMessages;
                return true;
            case "gemini" or "google" or "generatecontent" or "geminigeneratecontent":
                protocol = WireProtocol.GeminiGenerateContent;
                return true;
            case "ollama" or "ollama-native" or "ollamachat":
                protocol = WireProtocol.OllamaChat;
                return true;
            default:
                return false;
        }
    }
}
