namespace ReasonStream.Cli.Json;

/// <summary>A model as `reason models --json` prints it: <c>reasoning</c> is true or false where the provider says, else null.</summary>
internal sealed record ModelJson(string Id, string? DisplayName, bool? Reasoning, string? Created);
