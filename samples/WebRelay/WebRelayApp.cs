using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using ReasonStream;
using ReasonStream.Extensions.AI;

namespace Samples.WebRelay;

/// <summary>
/// Relays a thinking model's reasoning and answer to the browser as server-sent events (<c>GET /ask?q=…</c>), with a
/// page (<c>GET /</c>) that shows the thinking live in a collapsible panel. Closing the page cancels the upstream request.
/// Configure with the <c>ReasonStream</c> section (Provider, BaseUrl, ApiKeyEnvironmentVariable, Model…).
/// </summary>
public static class WebRelayApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.Services.AddReasoningClient(builder.Configuration.GetSection("ReasonStream"));

        var app = builder.Build();
        app.MapGet("/", () => TypedResults.Content(Page.Html, "text/html; charset=utf-8"));
        app.MapGet("/ask", (string q, IChatClient chat, HttpContext context) =>
            TypedResults.ServerSentEvents(RelayAsync(chat, q, context.RequestAborted)));
        return app;
    }

    /// <summary>
    /// One SSE event per piece: <c>reasoning</c> and <c>answer</c> with the text as data, then <c>done</c> (the finish
    /// reason) or <c>error</c>. The token is the browser's connection: when it goes, the upstream request is cancelled.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<string>> RelayAsync(IChatClient chat, string question, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var updates = chat.GetStreamingResponseAsync(question, cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                SseItem<string>? failure = null;
                bool more;
                try
                {
                    more = await updates.MoveNextAsync();
                }
                catch (ReasonStreamException error)
                {
                    more = false;
                    failure = new SseItem<string>(error.Message, "error");
                }

                if (failure is { } item) yield return item;
                if (!more) yield break;

                foreach (var content in updates.Current.Contents)
                {
                    if (content is TextReasoningContent { Text.Length: > 0 } thought) yield return new SseItem<string>(thought.Text, "reasoning");
                    else if (content is TextContent { Text.Length: > 0 } text) yield return new SseItem<string>(text.Text, "answer");
                }

                if (updates.Current.FinishReason is { } finish) yield return new SseItem<string>(finish.Value, "done");
            }
        }
        finally
        {
            await updates.DisposeAsync();
        }
    }
}
