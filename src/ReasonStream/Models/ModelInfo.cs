namespace ReasonStream;

/// <summary>
/// A model an endpoint serves, as its own list says (<see cref="ReasoningClient.ListModelsAsync"/>). Whether it can reason
/// is known only where the provider marks it: Anthropic (<c>capabilities.thinking</c>), Gemini (<c>thinking</c>), Ollama
/// (<c>"thinking"</c> in <c>/api/show</c>'s capabilities) and OpenRouter (<c>supported_parameters</c> with <c>reasoning</c>);
/// a plain OpenAI-style <c>/models</c> list says nothing, and <see cref="SupportsReasoning"/> is then null.
/// </summary>
public sealed class ModelInfo
{
    /// <summary>Creates the description of one model.</summary>
    /// <param name="id">The name to send as the request's model.</param>
    public ModelInfo(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Id = id;
    }

    /// <summary>The name to send as the request's model (Gemini's without its <c>models/</c> prefix).</summary>
    public string Id { get; }

    /// <summary>The provider's human name for it, when the list gives one.</summary>
    public string? DisplayName { get; init; }

    /// <summary>True when the provider marks the model as able to reason, false when it marks it as not; null when its list does not say.</summary>
    public bool? SupportsReasoning { get; init; }

    /// <summary>When the provider made it available, when the list says.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <inheritdoc />
    public override string ToString() => Id;
}
