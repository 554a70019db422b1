using ReasonStream.Cli.Configuration;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Demo;

/// <summary>An endpoint pointing at a replay server on 127.0.0.1: no key, the given preset's dialect and history rule.</summary>
internal static class LoopbackEndpoint
{
    public static Endpoint For(ReplayServer server, ProviderPreset preset, string model, WireProtocol? protocol = null) =>
        new(preset, protocol ?? preset.Protocol, server.BaseUri.ToString(), model, ApiKey: null, ApiKeyVariable: null);

    /// <summary>Replays need no retries and should give up quickly if something is wrong.</summary>
    public static RequestSettings Settings { get; } = new() { Retries = 0, TimeoutSeconds = 30 };
}
