using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReasonStream.Extensions.AI;

/// <summary>
/// Registers a <see cref="ReasoningClient"/> (over <c>IHttpClientFactory</c>) and its <see cref="IChatClient"/>, returning
/// the <see cref="ChatClientBuilder"/> for the pipeline: <c>.UseFunctionInvocation().UseOpenTelemetry()…</c>.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddReasoningClient(builder.Configuration.GetSection("ReasonStream")).UseFunctionInvocation();
/// </code>
/// </example>
public static class ReasoningServiceCollectionExtensions
{
    /// <summary>
    /// The name of the <c>IHttpClientFactory</c> client the <see cref="ReasoningClient"/> uses; add handlers to it with
    /// <c>services.AddHttpClient(ReasoningServiceCollectionExtensions.HttpClientName)</c>.
    /// </summary>
    public const string HttpClientName = "ReasonStream";

    /// <summary>Registers the client with settings from a configuration section (bound by the source generator).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section, e.g. <c>configuration.GetSection("ReasonStream")</c>.</param>
    /// <param name="configure">Adjusts the bound settings (optional).</param>
    public static ChatClientBuilder AddReasoningClient(this IServiceCollection services, IConfiguration configuration, Action<ReasoningClientSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = services.AddOptions<ReasoningClientSettings>().Bind(configuration);
        if (configure is not null) settings.Configure(configure);
        return AddCore(services);
    }

    /// <summary>Registers the client with settings set in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets provider, base URL, key source, model, timeouts.</param>
    public static ChatClientBuilder AddReasoningClient(this IServiceCollection services, Action<ReasoningClientSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ReasoningClientSettings>().Configure(configure);
        return AddCore(services);
    }

    private static ChatClientBuilder AddCore(IServiceCollection services)
    {
        // The handler the library builds for itself (connect timeout, no draining of abandoned streams); no overall
        // timeout, since the stream's own first-token and stall timeouts take its place.
        services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => ReasoningClient.CreateDefaultHandler(sp.GetRequiredService<IOptions<ReasoningClientSettings>>().Value.ToClientOptions()))
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan);

        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<ReasoningClientSettings>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
            return new ReasoningClient(settings.ToClientOptions(), http);
        });

        return services.AddChatClient(
            sp => new ReasoningChatClient(
                sp.GetRequiredService<ReasoningClient>(),
                sp.GetRequiredService<IOptions<ReasoningClientSettings>>().Value.ToChatClientOptions(),
                sp.GetService<ILoggerFactory>()),
            ServiceLifetime.Singleton);
    }
}
