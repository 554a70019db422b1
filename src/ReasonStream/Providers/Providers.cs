namespace ReasonStream;

/// <summary>The built-in provider presets. Sources for each fact: <c>docs/providers.md</c> of the design.</summary>
public static class Providers
{
    /// <summary>DeepSeek (the default): <c>reasoning_content</c>, thinking switch, reasoning kept on tool-call turns; also speaks Responses and Anthropic Messages.</summary>
    public static ProviderPreset DeepSeek { get; } = new("deepseek", "https://api.deepseek.com")
    {
        DisplayName = "DeepSeek",
        ApiKeyVariables = ["DEEPSEEK_API_KEY"],
        DefaultModel = "deepseek-flash",
        OtherProtocols = new Dictionary<WireProtocol, string>
        {
            [WireProtocol.Responses] = "https://api.deepseek.com",
            [WireProtocol.AnthropicMessages] = "https://api.deepseek.com/anthropic",
        },
        HistoryRule = ReasoningHistoryRule.ToolCallTurns,
        SupportsThinkingSwitch = true,
        RetiredModels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["deepseek-reasoner"] = "deepseek-flash",
            ["deepseek-chat"] = "deepseek-flash",
            ["deepseek-v4-flash"] = "deepseek-flash",
        },
        Notes = "Thinking is on by default; sends ': keep-alive' comments while queued (gives up after 10 min).",
    };

    /// <summary>OpenAI: the Responses API streams reasoning summaries (chat completions hides reasoning, counting only its tokens).</summary>
    public static ProviderPreset OpenAI { get; } = new("openai", "https://api.openai.com/v1")
    {
        DisplayName = "OpenAI",
        ApiKeyVariables = ["OPENAI_API_KEY"],
        DefaultModel = "gpt-5-mini",
        Protocol = WireProtocol.Responses,
        OtherProtocols = new Dictionary<WireProtocol, string> { [WireProtocol.ChatCompletions] = "https://api.openai.com/v1" },
        UsesMaxCompletionTokens = true,
        RequestsReasoningSummaries = true,
        Notes = "Reasoning summaries only through the Responses API; reasoning models reject temperature/top_p.",
    };

    /// <summary>Anthropic Messages: thinking blocks with signatures, passed back in tool loops.</summary>
    public static ProviderPreset Anthropic { get; } = new("anthropic", "https://api.anthropic.com")
    {
        DisplayName = "Anthropic",
        ApiKeyVariables = ["ANTHROPIC_API_KEY"],
        DefaultModel = "claude-sonnet-4-5",
        Protocol = WireProtocol.AnthropicMessages,
        Notes = "Extended thinking needs a token budget below max_tokens; 529 means overloaded.",
    };

    /// <summary>Google Gemini: thought parts and thought signatures through the native streamGenerateContent.</summary>
    public static ProviderPreset Gemini { get; } = new("gemini", "https://generativelanguage.googleapis.com/v1beta")
    {
        DisplayName = "Google Gemini",
        ApiKeyVariables = ["GEMINI_API_KEY", "GOOGLE_API_KEY"],
        DefaultModel = "gemini-2.5-flash",
        Protocol = WireProtocol.GeminiGenerateContent,
        OtherProtocols = new Dictionary<WireProtocol, string> { [WireProtocol.ChatCompletions] = "https://generativelanguage.googleapis.com/v1beta/openai" },
        Notes = "Thoughts are summaries; Gemini 3 needs thought signatures passed back with function calls.",
    };

    /// <summary>OpenRouter: <c>reasoning</c> plus <c>reasoning_details</c>, passed back unchanged.</summary>
    public static ProviderPreset OpenRouter { get; } = new("openrouter", "https://openrouter.ai/api/v1")
    {
        DisplayName = "OpenRouter",
        ApiKeyVariables = ["OPENROUTER_API_KEY"],
        DefaultModel = "deepseek/deepseek-v4-pro",
        OtherProtocols = new Dictionary<WireProtocol, string> { [WireProtocol.Responses] = "https://openrouter.ai/api/v1" },
        HistoryRule = ReasoningHistoryRule.ReasoningDetails,
        Notes = "Errors can arrive inside the stream after HTTP 200; ': OPENROUTER PROCESSING' keep-alives.",
    };

    /// <summary>Groq: <c>reasoning</c> (parsed) or <c>&lt;think&gt;</c> tags (raw).</summary>
    public static ProviderPreset Groq { get; } = new("groq", "https://api.groq.com/openai/v1")
    {
        DisplayName = "Groq",
        ApiKeyVariables = ["GROQ_API_KEY"],
        DefaultModel = "openai/gpt-oss-120b",
        OtherProtocols = new Dictionary<WireProtocol, string> { [WireProtocol.Responses] = "https://api.groq.com/openai/v1" },
        Dialect = ReasoningDialect.ThinkTags,
        Notes = "reasoning_format=raw puts <think> in content; errors arrive as 'event: error'.",
    };

    /// <summary>Together AI: <c>&lt;think&gt;</c> in content for DeepSeek-R1, <c>reasoning</c> for others.</summary>
    public static ProviderPreset Together { get; } = new("together", "https://api.together.xyz/v1")
    {
        DisplayName = "Together AI",
        ApiKeyVariables = ["TOGETHER_API_KEY"],
        DefaultModel = "deepseek-ai/DeepSeek-R1",
        Dialect = ReasoningDialect.ThinkTags,
    };

    /// <summary>Fireworks: <c>reasoning_content</c>, or <c>&lt;think&gt;</c> in content for some models.</summary>
    public static ProviderPreset Fireworks { get; } = new("fireworks", "https://api.fireworks.ai/inference/v1")
    {
        DisplayName = "Fireworks AI",
        ApiKeyVariables = ["FIREWORKS_API_KEY"],
        DefaultModel = "accounts/fireworks/models/deepseek-v4-pro",
        Dialect = ReasoningDialect.ThinkTags,
    };

    /// <summary>xAI: <c>reasoning_content</c> (grok-3-mini) in chat completions, where <c>completion_tokens</c> excludes reasoning; also the Responses API.</summary>
    public static ProviderPreset XAI { get; } = new("xai", "https://api.x.ai/v1")
    {
        DisplayName = "xAI",
        ApiKeyVariables = ["XAI_API_KEY"],
        DefaultModel = "grok-3-mini",
        OtherProtocols = new Dictionary<WireProtocol, string> { [WireProtocol.Responses] = "https://api.x.ai/v1" },
        Notes = "Reasoning models reject presence/frequency penalties and stop.",
    };

    /// <summary>Alibaba Cloud Model Studio (Qwen) compatible mode: <c>reasoning_content</c>, <c>enable_thinking</c>.</summary>
    public static ProviderPreset DashScope { get; } = new("dashscope", "https://dashscope-intl.aliyuncs.com/compatible-mode/v1")
    {
        DisplayName = "Alibaba Model Studio (Qwen)",
        ApiKeyVariables = ["DASHSCOPE_API_KEY"],
        DefaultModel = "qwen3-max",
        Notes = "Hybrid models think when the body has \"enable_thinking\": true.",
    };

    /// <summary>Moonshot (Kimi): <c>reasoning_content</c>, kept on tool-call turns like DeepSeek.</summary>
    public static ProviderPreset Moonshot { get; } = new("moonshot", "https://api.moonshot.ai/v1")
    {
        DisplayName = "Moonshot (Kimi)",
        ApiKeyVariables = ["MOONSHOT_API_KEY"],
        DefaultModel = "kimi-k2.6",
        HistoryRule = ReasoningHistoryRule.ToolCallTurns,
        SupportsThinkingSwitch = true,
    };

    /// <summary>Ollama on this machine: its OpenAI-compatible endpoint (<c>reasoning</c>), or its native <c>/api/chat</c> with <c>think</c>.</summary>
    public static ProviderPreset Ollama { get; } = new("ollama", "http://localhost:11434/v1")
    {
        DisplayName = "Ollama (local)",
        DefaultModel = "qwen3",
        OtherProtocols = new Dictionary<WireProtocol, string> { [WireProtocol.OllamaChat] = "http://localhost:11434" },
    };

    /// <summary>vLLM: <c>reasoning</c> (older versions <c>reasoning_content</c>; both counted once); also the Responses API.</summary>
    public static ProviderPreset Vllm { get; } = new("vllm", "http://localhost:8000/v1")
    {
        DisplayName = "vLLM (local)",
        ApiKeyVariables = ["VLLM_API_KEY"],
        DefaultModel = "Qwen/Qwen3-8B",
        OtherProtocols = new Dictionary<WireProtocol, string> { [WireProtocol.Responses] = "http://localhost:8000/v1" },
    };

    /// <summary>llama.cpp <c>llama-server</c>: <c>reasoning_content</c> (or <c>&lt;think&gt;</c> with <c>--reasoning-format none</c>).</summary>
    public static ProviderPreset LlamaCpp { get; } = new("llamacpp", "http://localhost:8080/v1")
    {
        DisplayName = "llama.cpp server (local)",
        Dialect = ReasoningDialect.ThinkTags,
    };

    /// <summary>LM Studio's local server; also the Responses API.</summary>
    public static ProviderPreset LmStudio { get; } = new("lmstudio", "http://localhost:1234/v1")
    {
        DisplayName = "LM Studio (local)",
        OtherProtocols = new Dictionary<WireProtocol, string> { [WireProtocol.Responses] = "http://localhost:1234/v1" },
        Dialect = ReasoningDialect.ThinkTags,
    };

    /// <summary>Every preset, DeepSeek first.</summary>
    public static IReadOnlyList<ProviderPreset> All { get; } =
        [DeepSeek, OpenAI, Anthropic, Gemini, OpenRouter, Groq, Together, Fireworks, XAI, DashScope, Moonshot, Ollama, Vllm, LlamaCpp, LmStudio];

    /// <summary>Finds a preset by its short name (case-insensitive).</summary>
    /// <param name="name">e.g. <c>deepseek</c>, <c>openrouter</c>.</param>
    /// <returns>The preset, or null.</returns>
    public static ProviderPreset? Find(string name)
    {
        foreach (var preset in All)
        {
            if (string.Equals(preset.Name, name, StringComparison.OrdinalIgnoreCase)) return preset;
        }

        return null;
    }

    /// <summary>A preset for a server this library has no preset for: chat completions, dialect detected, no reasoning resent.</summary>
    /// <param name="baseUrl">The server's base URL.</param>
    /// <param name="protocol">The protocol it speaks.</param>
    public static ProviderPreset Custom(string baseUrl, WireProtocol protocol = WireProtocol.ChatCompletions) =>
        new("custom", baseUrl) { DisplayName = "Custom endpoint", Protocol = protocol };
}
