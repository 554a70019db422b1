namespace ReasonStream.Cli.Demo;

/// <summary>Which provider's wire format the demo plays, by protocol: the preset it stands for and a model of it.</summary>
internal sealed record DemoTarget(WireProtocol Protocol, ProviderPreset Preset, string Model)
{
    public static DemoTarget For(WireProtocol protocol) => protocol switch
    {
        WireProtocol.Responses => new(protocol, Providers.OpenAI, "gpt-5-mini"),
        WireProtocol.AnthropicMessages => new(protocol, Providers.Anthropic, "claude-sonnet-4-5"),
        WireProtocol.GeminiGenerateContent => new(protocol, Providers.Gemini, "gemini-2.5-flash"),
        WireProtocol.OllamaChat => new(protocol, Providers.Ollama, "qwen3"),
        _ => new(WireProtocol.ChatCompletions, Providers.DeepSeek, DemoScript.Model),
    };
}
