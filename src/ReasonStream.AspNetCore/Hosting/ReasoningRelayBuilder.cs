using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ReasonStream.AspNetCore;

/// <summary>Chooses the relay's store and archive; returned by <see cref="ReasoningRelayServiceCollectionExtensions.AddReasoningRelay"/>.</summary>
public sealed class ReasoningRelayBuilder
{
    internal ReasoningRelayBuilder(IServiceCollection services) => Services = services;

    /// <summary>The services being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Keeps streams in Redis, shared by every instance: events in a Redis Stream per stream, keys that expire after
    /// the retention, pub/sub for live fan-out and cancel requests. A browser may resume on any instance.
    /// </summary>
    /// <param name="configuration">A StackExchange.Redis configuration string, e.g. <c>localhost:6379</c>.</param>
    /// <param name="keyPrefix">Prefix of every key and channel. Default <c>reasonstream:relay:</c>.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ by their first parameter's type (a configuration string, a connection factory), so no call is ambiguous.")]
    public ReasoningRelayBuilder UseRedis(string configuration, string keyPrefix = RedisRelayStore.DefaultKeyPrefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        var options = ConfigurationOptions.Parse(configuration);
        // Never fail start-up because Redis is away: commands fail fast instead, and the relay answers 503.
        options.AbortOnConnectFail = false;
        return UseRedis(_ => ConnectionMultiplexer.Connect(options), keyPrefix, ownsConnection: true);
    }

    /// <summary>Keeps streams in Redis through a connection the application makes, shares and disposes.</summary>
    /// <param name="connect">Returns the connection; called once.</param>
    /// <param name="keyPrefix">Prefix of every key and channel. Default <c>reasonstream:relay:</c>.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ by their first parameter's type (a configuration string, a connection factory), so no call is ambiguous.")]
    public ReasoningRelayBuilder UseRedis(Func<IServiceProvider, IConnectionMultiplexer> connect, string keyPrefix = RedisRelayStore.DefaultKeyPrefix) =>
        UseRedis(connect, keyPrefix, ownsConnection: false);

    private ReasoningRelayBuilder UseRedis(Func<IServiceProvider, IConnectionMultiplexer> connect, string keyPrefix, bool ownsConnection)
    {
        ArgumentNullException.ThrowIfNull(connect);
        ArgumentException.ThrowIfNullOrEmpty(keyPrefix);
        Services.RemoveAll<IRelayStore>();
        Services.AddSingleton<IRelayStore>(sp => new RedisRelayStore(
            connect(sp), keyPrefix, sp.GetRequiredService<IOptions<ReasoningRelayOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RedisRelayStore>>(), ownsConnection));
        return this;
    }

    /// <summary>Archives finished exchanges in a SQLite database (created if missing).</summary>
    /// <param name="connectionString">E.g. <c>Data Source=relay.db</c>.</param>
    [System.Diagnostics.CodeAnalysis.Experimental(RelayDiagnostics.ArchiveExperiment)]
    public ReasoningRelayBuilder UseSqliteArchive(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return UseArchive(_ => new SqliteExchangeArchive(connectionString));
    }

    /// <summary>Archives finished exchanges in PostgreSQL, shared by every instance (the table is created if missing).</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    [System.Diagnostics.CodeAnalysis.Experimental(RelayDiagnostics.ArchiveExperiment)]
    public ReasoningRelayBuilder UsePostgreSqlArchive(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return UseArchive(_ => new PostgreSqlExchangeArchive(connectionString));
    }

    /// <summary>Archives finished exchanges with an archive of your own, resolved from dependency injection.</summary>
    /// <typeparam name="TArchive">The archive type.</typeparam>
    [System.Diagnostics.CodeAnalysis.Experimental(RelayDiagnostics.ArchiveExperiment)]
    public ReasoningRelayBuilder UseArchive<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TArchive>()
        where TArchive : class, IExchangeArchive
    {
        Services.RemoveAll<IExchangeArchive>();
        Services.AddSingleton<IExchangeArchive, TArchive>();
        return this;
    }

    /// <summary>Archives finished exchanges with the archive <paramref name="create"/> returns.</summary>
    /// <param name="create">Creates the archive; called once.</param>
    [System.Diagnostics.CodeAnalysis.Experimental(RelayDiagnostics.ArchiveExperiment)]
    public ReasoningRelayBuilder UseArchive(Func<IServiceProvider, IExchangeArchive> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        Services.RemoveAll<IExchangeArchive>();
        Services.AddSingleton(create);
        return this;
    }
}
