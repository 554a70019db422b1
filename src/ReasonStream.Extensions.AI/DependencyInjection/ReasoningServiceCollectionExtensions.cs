using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReasonStream.Extensions.AI;

/// <summary>
/// Registers a <see cref="ReasoningClient"/> (over <c>IHttpClientFactory</c>) and its <see cref="IChatClient"/>, returning
/// the <see cref="ChatClientBuilder"/> for the pipeline: <c>.UseFunctionInvocation().UseOpenTelemetry()…</c>. Several
/// providers in one application register keyed clients. Settings are validated when the host starts: a missing key
/// fails start-up naming the variable to set.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddReasoningClient(builder.Configuration.GetSection("ReasonStream")).UseFunctionInvocation();
/// builder.Services.AddKeyedReasoningClient("claude", builder.Configuration.GetSection("Claude"));   // [FromKeyedServices("claude")] IChatClient
/// </code>
/// </example>
public static class ReasoningServiceCollectionExtensions
{
    /// <summary>
    /// The name of the <c>IHttpClientFactory</c> client the default <see cref="ReasoningClient"/> uses; add handlers to
    /// it with <c>services.AddHttpClient(ReasoningServiceCollectionExtensions.HttpClientName)</c>. A keyed client's is
    /// <see cref="HttpClientNameFor"/>.
    /// </summary>
    public const string HttpClientName = "ReasonStream";

    /// <summary>The name of the <c>IHttpClientFactory</c> client of the keyed registration <paramref name="serviceKey"/>.</summary>
    /// <param name="serviceKey">The key given to <see cref="AddKeyedReasoningClient(IServiceCollection, string, IConfiguration, Action{ReasoningClientSettings}?)"/>.</param>
    public static string HttpClientNameFor(string serviceKey) => HttpClientName + ":" + serviceKey;

    /// <summary>Registers the client with settings from a configuration section (bound by the source generator).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section, e.g. <c>configuration.GetSection("ReasonStream")</c>.</param>
    /// <param name="configure">Adjusts the bound settings (optional).</param>
    public static ChatClientBuilder AddReasoningClient(this IServiceCollection services, IConfiguration configuration, Action<ReasoningClientSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return Add(services, null, configuration, configure);
    }

    /// <summary>Registers the client with settings set in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets provider, protocol, base URL, key source, model, timeouts.</param>
    public static ChatClientBuilder AddReasoningClient(this IServiceCollection services, Action<ReasoningClientSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return Add(services, null, null, configure);
    }

    /// <summary>
    /// Registers a client under <paramref name="serviceKey"/> — one per provider in an application that uses several —
    /// resolved as <c>[FromKeyedServices(key)] IChatClient</c> or <c>ReasoningClient</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key of this registration.</param>
    /// <param name="configuration">Its settings section.</param>
    /// <param name="configure">Adjusts the bound settings (optional).</param>
    public static ChatClientBuilder AddKeyedReasoningClient(this IServiceCollection services, string serviceKey, IConfiguration configuration, Action<ReasoningClientSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(serviceKey);
        ArgumentNullException.ThrowIfNull(configuration);
        return Add(services, serviceKey, configuration, configure);
    }

    /// <summary>Registers a client under <paramref name="serviceKey"/> with settings set in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key of this registration.</param>
    /// <param name="configure">Sets provider, protocol, base URL, key source, model, timeouts.</param>
    public static ChatClientBuilder AddKeyedReasoningClient(this IServiceCollection services, string serviceKey, Action<ReasoningClientSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(serviceKey);
        ArgumentNullException.ThrowIfNull(configure);
        return Add(services, serviceKey, null, configure);
    }

    private static ChatClientBuilder Add(IServiceCollection services, string? serviceKey, IConfiguration? configuration, Action<ReasoningClientSettings>? configure)
    {
        string name = serviceKey ?? Options.DefaultName;
        var settings = services.AddOptions<ReasoningClientSettings>(name);
        if (configuration is not null) settings.Bind(configuration);
        if (configure is not null) settings.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReasoningClientSettings>, ReasoningClientSettingsValidator>());
        settings.ValidateOnStart();

        // The handler the library builds for itself (connect timeout, no draining of abandoned streams); no overall
        // timeout, since the stream's own first-token and stall timeouts take its place.
        string httpName = serviceKey is null ? HttpClientName : HttpClientNameFor(serviceKey);
        services.AddHttpClient(httpName)
            .ConfigurePrimaryHttpMessageHandler(sp => ReasoningClient.CreateDefaultHandler(Settings(sp, name).ToClientOptions()))
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan);

        ReasoningClient CreateClient(IServiceProvider sp) =>
            new(Settings(sp, name).ToClientOptions(), sp.GetRequiredService<IHttpClientFactory>().CreateClient(httpName));

        if (serviceKey is null)
        {
            services.AddSingleton(CreateClient);
            return services.AddChatClient(
                sp => new ReasoningChatClient(sp.GetRequiredService<ReasoningClient>(), Settings(sp, name).ToChatClientOptions(), sp.GetService<ILoggerFactory>()),
                ServiceLifetime.Singleton);
        }

        services.AddKeyedSingleton(serviceKey, (sp, _) => CreateClient(sp));
        return services.AddKeyedChatClient(
            serviceKey,
            sp => new ReasoningChatClient(sp.GetRequiredKeyedService<ReasoningClient>(serviceKey), Settings(sp, name).ToChatClientOptions(), sp.GetService<ILoggerFactory>()),
            ServiceLifetime.Singleton);
    }

    private static ReasoningClientSettings Settings(IServiceProvider services, string name) =>
        services.GetRequiredService<IOptionsMonitor<ReasoningClientSettings>>().Get(name);
}
