using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ReasonStream.AspNetCore;

/// <summary>Registers the relay: its options, its store (in memory unless <see cref="ReasoningRelayBuilder.UseRedis(string, string)"/>) and its runner.</summary>
public static class ReasoningRelayServiceCollectionExtensions
{
    /// <summary>
    /// Adds the relay with the in-memory store (one process). Chain <c>.UseRedis(…)</c> for many instances and
    /// <c>.UseSqliteArchive(…)</c> or <c>.UsePostgreSqlArchive(…)</c> to keep finished exchanges. The streams send with
    /// the <see cref="ReasoningClient"/> registered in dependency injection, unless a <see cref="RelayRequest"/> names one.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets retention and limits (optional).</param>
    public static ReasoningRelayBuilder AddReasoningRelay(this IServiceCollection services, Action<ReasoningRelayOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ReasoningRelayOptions>();
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRelayStore>(sp => new InMemoryRelayStore(sp.GetRequiredService<IOptions<ReasoningRelayOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<RelayRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<RelayRunner>());
        return new ReasoningRelayBuilder(services);
    }
}
