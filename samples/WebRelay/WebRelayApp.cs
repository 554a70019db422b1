using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ReasonStream;
using ReasonStream.AspNetCore;
using ReasonStream.Extensions.AI;

namespace Samples.WebRelay;

/// <summary>
/// A chat page that shows a reasoning model's thinking live and survives reloads: the relay (<c>/relay</c>, from
/// ReasonStream.AspNetCore) runs each question to completion, the page (<c>wwwroot/</c>) follows it with the relay's
/// browser client, renders the answer as sanitised markdown, and resumes after a reload.
/// Configure with the <c>ReasonStream</c> section (Provider, BaseUrl, ApiKeyEnvironmentVariable, Model) and
/// <c>Relay</c> (<c>Redis</c>: a connection string for several instances; <c>Archive</c>: the SQLite archive).
/// </summary>
public static class WebRelayApp
{
    private const int MaxQuestionLength = 8_000;
    private const int HistoryTurns = 20;

    /// <summary>Everything from this origin only; no plugins, no base URL or form target elsewhere, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        configure?.Invoke(builder);

        builder.Services.AddReasoningClient(builder.Configuration.GetSection("ReasonStream"));
        var relay = builder.Services.AddReasoningRelay();
        if (builder.Configuration["Relay:Redis"] is { Length: > 0 } redis) relay.UseRedis(redis);
        relay.UseSqliteArchive(builder.Configuration["Relay:Archive"] is { Length: > 0 } archive ? archive : "Data Source=webrelay.db");

        var app = builder.Build();
        // Model output is untrusted: even if markup slipped past the sanitiser, the browser loads nothing from another
        // origin (no image that carries the page's text away, no script, no style) and runs no inline script.
        app.Use((http, next) =>
        {
            http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            return next(http);
        });
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache" });
        var model = builder.Configuration["ReasonStream:Model"] ?? "deepseek-flash";
        app.MapReasoningRelay("/relay", http => AskAsync(http, model));
        return app;
    }

    /// <summary>
    /// <c>POST /relay</c> with <c>{"question": "…", "conversation": "…"}</c>: the question, after the conversation's
    /// earlier turns from the archive (questions and answers; the reasoning is not sent back, as DeepSeek wants for
    /// turns without tool calls). JSON only: another site's page can post a form or text/plain to this server without
    /// asking, but not application/json (the browser asks first, and this server does not allow it), so no other site
    /// can spend the model's tokens through a visitor's browser.
    /// </summary>
    private static async ValueTask<RelayRequest> AskAsync(HttpContext http, string model)
    {
        if (!http.Request.HasJsonContentType())
            throw new BadHttpRequestException("Send the question as JSON (Content-Type: application/json).", StatusCodes.Status415UnsupportedMediaType);

        string question;
        string? conversation;
        try
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            question = body.RootElement.GetProperty("question").GetString()?.Trim() ?? "";
            conversation = body.RootElement.TryGetProperty("conversation", out var id) ? id.GetString() : null;
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new BadHttpRequestException("Send {\"question\": \"…\", \"conversation\": \"…\"}.");
        }

        if (question.Length is 0 or > MaxQuestionLength) throw new BadHttpRequestException($"The question must have 1 to {MaxQuestionLength} characters.");

        var messages = new List<Message>();
        if (conversation is not null && http.RequestServices.GetService<IExchangeArchive>() is { } archive)
        {
            foreach (var turn in await archive.ListConversationAsync(conversation, HistoryTurns, http.RequestAborted))
            {
                if (turn.Answer.Length == 0) continue;
                messages.Add(Message.User(turn.Prompt));
                messages.Add(Message.Assistant(turn.Answer));
            }
        }

        messages.Add(Message.User(question));
        return new RelayRequest(new ChatRequest(model, messages) { Thinking = true }) { ConversationId = conversation, Prompt = question };
    }
}
