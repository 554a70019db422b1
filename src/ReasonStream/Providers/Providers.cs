namespace ReasonStream;

/// <summary>The built-in provider presets. Sources for each fact: <c>docs/providers.md</c> of the design.</summary>
public static class Providers
{
    /// <summary>DeepSeek (the default): <c>reasoning_content</c>, thinking switch, reasoning kept on tool-call turns.</summary>
    public static ProviderPreset DeepSeek { get; } = new("deepseek", "DeepSeek", "https://api.deepseek.com", "DEEPSEEK_API_KEY", "deepseek-flash")
    {
        Dialect = ReasoningDialect.ReasoningContent,
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

    /// <summary>OpenAI: reasoning is hidden in chat completions; only reasoning token counts are reported.</summary>
    public static ProviderPreset OpenAI { get; } = new("openai", "OpenAI", "https://api.openai.com/v1", "OPENAI_API_KEY", "gpt-5-mini")
    {
        UsesMaxCompletionTokens = true,
        Notes = "No reasoning text in chat completions; reasoning models reject temperature/top_p.",
    };

    /// <summary>OpenRouter: <c>reasoning</c> plus <c>reasoning_details</c>, passed back unchanged.</summary>
    public static ProviderPreset OpenRouter { get; } = new("openrouter", "OpenRouter", "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY", "deepseek/deepseek-v4-pro")
    {
        Dialect = ReasoningDialect.Reasoning,
        HistoryRule = ReasoningHistoryRule.ReasoningDetails,
        Notes = "Errors can arrive inside the stream after HTTP 200; ': OPENROUTER PROCESSING' keep-alives.",
    };

    /// <summary>Groq: <c>reasoning</c> (parsed) or <c>&lt;think&gt;</c> tags (raw).</summary>
    public static ProviderPreset Groq { get; } = new("groq", "Groq", "https://api.groq.com/openai/v1", "GROQ_API_KEY", "openai/gpt-oss-120b")
    {
        Dialect = ReasoningDialect.ThinkTags,
        Notes = "reasoning_format=raw puts <think> in content; errors arrive as 'event: error'.",
    };

    /// <summary>Together AI: <c>&lt;think&gt;</c> in content for DeepSeek-R1, <c>reasoning</c> for others.</summary>
    public static ProviderPreset Together { get; } = new("together", "Together AI", "https://api.together.xyz/v1", "TOGETHER_API_KEY", "deepseek-ai/DeepSeek-R1")
    {
        Dialect = ReasoningDialect.ThinkTags,
    };

    /// <summary>Fireworks: <c>reasoning_content</c>, or <c>&lt;think&gt;</c> in content for some models.</summary>
    public static ProviderPreset Fireworks { get; } = new("fireworks", "Fireworks AI", "https://api.fireworks.ai/inference/v1", "FIREWORKS_API_KEY", "accounts/fireworks/models/deepseek-v4-pro")
    {
        Dialect = ReasoningDialect.ThinkTags,
    };

    /// <summary>xAI: <c>reasoning_content</c> (grok-3-mini); <c>completion_tokens</c> excludes reasoning.</summary>
    public static ProviderPreset XAI { get; } = new("xai", "xAI", "https://api.x.ai/v1", "XAI_API_KEY", "grok-3-mini")
    {
        Dialect = ReasoningDialect.ReasoningContent,
        Notes = "Reasoning models reject presence/frequency penalties and stop.",
    };

    /// <summary>Alibaba Cloud Model Studio (Qwen) compatible mode: <c>reasoning_content</c>, <c>enable_thinking</c>.</summary>
    public static ProviderPreset DashScope { get; } = new("dashscope", "Alibaba Model Studio (Qwen)", "https://dashscope-intl.aliyuncs.com/compatible-mode/v1", "DASHSCOPE_API_KEY", "qwen3-max")
    {
        Dialect = ReasoningDialect.ReasoningContent,
        Notes = "Hybrid models think when the body has \"enable_thinking\": true.",
    };

    /// <summary>Moonshot (Kimi): <c>reasoning_content</c>, kept on tool-call turns like DeepSeek.</summary>
    public static ProviderPreset Moonshot { get; } = new("moonshot", "Moonshot (Kimi)", "https://api.moonshot.ai/v1", "MOONSHOT_API_KEY", "kimi-k2.6")
    {
        Dialect = ReasoningDialect.ReasoningContent,
        HistoryRule = ReasoningHistoryRule.ToolCallTurns,
        SupportsThinkingSwitch = true,
    };

    /// <summary>Ollama's OpenAI-compatible endpoint on this machine: <c>reasoning</c>, no key.</summary>
    public static ProviderPreset Ollama { get; } = new("ollama", "Ollama (local)", "http://localhost:11434/v1", null, "qwen3")
    {
        Dialect = ReasoningDialect.Reasoning,
    };

    /// <summary>vLLM: <c>reasoning</c> (older versions <c>reasoning_content</c>; both counted once).</summary>
    public static ProviderPreset Vllm { get; } = new("vllm", "vLLM (local)", "http://localhost:8000/v1", "VLLM_API_KEY", "Qwen/Qwen3-8B")
    {
        Dialect = ReasoningDialect.Reasoning,
    };

    /// <summary>llama.cpp <c>llama-server</c>: <c>reasoning_content</c> (or <c>&lt;think&gt;</c> with <c>--reasoning-format none</c>).</summary>
    public static ProviderPreset LlamaCpp { get; } = new("llamacpp", "llama.cpp server (local)", "http://localhost:8080/v1", null, "default")
    {
        Dialect = ReasoningDialect.ThinkTags,
    };

    /// <summary>LM Studio's local server.</summary>
    public static ProviderPreset LmStudio { get; } = new("lmstudio", "LM Studio (local)", "http://localhost:1234/v1", null, "default")
    {
        Dialect = ReasoningDialect.ThinkTags,
    };

    /// <summary>Every preset, DeepSeek first.</summary>
    public static IReadOnlyList<ProviderPreset> All { get; } =
        [DeepSeek, OpenAI, OpenRouter, Groq, Together, Fireworks, XAI, DashScope, Moonshot, Ollama, Vllm, LlamaCpp, LmStudio];

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
}
