using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ReasonStream.AspNetCore;

/// <summary>
/// <c>GET {pattern}/{id}</c> and <c>GET {pattern}/conversations/{conversationId}</c>: finished exchanges from the
/// archive, for pages opened after the stream's retention ended (404 when no archive is configured).
/// </summary>
internal static class ArchiveEndpoints
{
    private const int ConversationLimit = 100;

    public static async Task ExchangeAsync(HttpContext http)
    {
        var id = http.Request.RouteValues["id"] as string;
        var archive = http.RequestServices.GetService<IExchangeArchive>();
        var exchange = archive is not null && RelayRunner.IsWellFormedId(id) ? await archive.FindAsync(id!, http.RequestAborted).ConfigureAwait(false) : null;
        if (exchange is null)
        {
            await RelayEndpoints.WriteJsonAsync(http, StatusCodes.Status404NotFound, EventData.Object("error", "No archived exchange has this id.")).ConfigureAwait(false);
            return;
        }

        await RelayEndpoints.WriteJsonAsync(http, StatusCodes.Status200OK, ExchangeJson.One(exchange)).ConfigureAwait(false);
    }

    public static async Task ConversationAsync(HttpContext http)
    {
        var id = http.Request.RouteValues["conversationId"] as string;
        var archive = http.RequestServices.GetService<IExchangeArchive>();
        if (archive is null || !RelayRunner.IsWellFormedId(id))
        {
            await RelayEndpoints.WriteJsonAsync(http, StatusCodes.Status404NotFound, EventData.Object("error", "No archive is configured, or the conversation id is malformed.")).ConfigureAwait(false);
            return;
        }

        var exchanges = await archive.ListConversationAsync(id!, ConversationLimit, http.RequestAborted).ConfigureAwait(false);
        await RelayEndpoints.WriteJsonAsync(http, StatusCodes.Status200OK, ExchangeJson.Many(exchanges)).ConfigureAwait(false);
    }
}
