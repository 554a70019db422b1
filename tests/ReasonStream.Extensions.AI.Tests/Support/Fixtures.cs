using ReasonStream.Testing;

namespace ReasonStream.Extensions.AI.Tests.Support;

public static class Fixtures
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static ReplayResponse Sse(string name) => ReplayResponse.FromSseFile(PathOf(name));

    public static ReasoningClient ClientFor(ReplayServer server, ProviderPreset preset) =>
        new(new ReasoningClientOptions { BaseUri = server.BaseUri, Provider = preset, ApiKey = "sk-e2e-secret", Retry = RetryPolicy.None });
}
