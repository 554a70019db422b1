using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ReasonStream.AspNetCore;

/// <summary>Maps a relay's endpoints.</summary>
public static class ReasoningRelayEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps, under <paramref name="pattern"/>: <c>POST</c> (start: <paramref name="start"/> builds the request from the
    /// HTTP request; answers 201 <c>{"id": "…"}</c>), <c>GET {id}/events</c> (the server-sent events, resumable with
    /// <c>Last-Event-ID</c> or <c>?after=N</c>), <c>POST {id}/cancel</c> (stop), <c>GET {id}</c> and
    /// <c>GET conversations/{conversationId}</c> (archived exchanges) and <c>GET client.js</c> (the browser client).
    /// </summary>
    /// <param name="endpoints">The application.</param>
    /// <param name="pattern">The route prefix, e.g. <c>/relay</c>.</param>
    /// <param name="start">
    /// Builds what to stream from the browser's request; throw <see cref="BadHttpRequestException"/> to answer 400
    /// (or its status code) with its message.
    /// </param>
    /// <param name="configure">Per-endpoint behaviour, e.g. <see cref="RelayEndpointOptions.CancelOnDisconnect"/>.</param>
    /// <returns>The route group, for conventions such as <c>.RequireAuthorization()</c>.</returns>
    public static RouteGroupBuilder MapReasoningRelay(this IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, ValueTask<RelayRequest>> start, Action<RelayEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(start);
        var options = new RelayEndpointOptions();
        configure?.Invoke(options);
        var relay = new RelayEndpoints(start, options);

        var group = endpoints.MapGroup(pattern);
        group.MapPost("", (RequestDelegate)relay.StartAsync);
        group.MapGet("{id}/events", (RequestDelegate)RelayEndpoints.EventsAsync);
        group.MapPost("{id}/cancel", (RequestDelegate)RelayEndpoints.CancelAsync);
        group.MapGet("{id}", (RequestDelegate)ArchiveEndpoints.ExchangeAsync);
        group.MapGet("conversations/{conversationId}", (RequestDelegate)ArchiveEndpoints.ConversationAsync);
        group.MapGet("client.js", (RequestDelegate)ClientScriptEndpoint.ServeAsync);
        return group;
    }
}
