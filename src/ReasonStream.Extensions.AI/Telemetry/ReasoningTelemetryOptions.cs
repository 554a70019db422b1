using Microsoft.Extensions.Logging;

namespace ReasonStream.Extensions.AI;

/// <summary>What <see cref="ReasoningTelemetry"/> records besides spans and metrics.</summary>
public sealed class ReasoningTelemetryOptions
{
    /// <summary>Where log events go (start, first chunk, finish with usage, failure); null: no logging.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>
    /// Also log the request messages and the response's reasoning and answer (at <see cref="LogLevel.Trace"/>).
    /// Off by default: prompts and answers can be private. API keys are never logged.
    /// </summary>
    public bool EnableSensitiveData { get; set; }

    internal ReasoningTelemetryOptions WithLogger(ILogger logger) => new() { Logger = logger, EnableSensitiveData = EnableSensitiveData };
}
