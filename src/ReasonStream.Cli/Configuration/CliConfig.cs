namespace ReasonStream.Cli.Configuration;

/// <summary>The user's defaults, read from <c>config.json</c>. Every field is optional; options on the command line win.</summary>
internal sealed record CliConfig
{
    /// <summary>The provider preset to use when <c>--provider</c> is not given.</summary>
    public string? Provider { get; init; }

    /// <summary>The model to use when <c>-m</c> is not given (for <see cref="Provider"/>, or any provider when that is unset).</summary>
    public string? Model { get; init; }

    /// <summary>A base URL to use when neither <c>--base-url</c> nor <c>--provider</c> is given.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>The wire protocol (<c>chat</c>, <c>responses</c>, <c>anthropic</c>, <c>gemini</c>, <c>ollama</c>) when not the preset's.</summary>
    public string? Api { get; init; }

    /// <summary>The environment variable holding the key, when not the preset's.</summary>
    public string? ApiKeyEnv { get; init; }

    /// <summary>Default reasoning effort.</summary>
    public string? Effort { get; init; }

    /// <summary>Default timeout in seconds.</summary>
    public double? Timeout { get; init; }

    /// <summary>What to do with the reasoning by default: <c>show</c>, <c>hide</c> or <c>collapse</c> (fold it into one line once the answer starts).</summary>
    public string? Reasoning { get; init; }

    /// <summary>Render answers as markdown on a terminal (default true); false for the model's text as it is.</summary>
    public bool? Markdown { get; init; }

    public static CliConfig Empty { get; } = new();
}
