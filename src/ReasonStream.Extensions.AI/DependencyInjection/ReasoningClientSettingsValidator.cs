using Microsoft.Extensions.Options;

namespace ReasonStream.Extensions.AI;

/// <summary>Fails start-up on settings that could never make a request — an unknown provider, a missing key — saying what to fix.</summary>
internal sealed class ReasoningClientSettingsValidator : IValidateOptions<ReasoningClientSettings>
{
    public ValidateOptionsResult Validate(string? name, ReasoningClientSettings options)
    {
        try
        {
            options.ToClientOptions();
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException error)
        {
            return ValidateOptionsResult.Fail((string.IsNullOrEmpty(name) ? "" : $"ReasonStream client '{name}': ") + error.Message);
        }
    }
}
