using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ReasonStream.AspNetCore.Tests.Support;

/// <summary>
/// One application instance with a relay at <c>/relay</c>, on Kestrel at 127.0.0.1 (OS-assigned port). The start
/// endpoint takes <c>{"question": "…", "conversation": "…"}</c> and streams it from the given upstream.
/// </summary>
internal sealed class RelayHost : IAsyncDisposable
{
    private RelayHost(WebApplication app)
    {
        App = app;
        Http = NewBrowser();
    }

    public WebApplication App { get; }

    public Uri BaseAddress => new(App.Urls.First());

    /// <summary>A browser's HTTP client (connections close at once when a response is abandoned).</summary>
    public HttpClient Http { get; }

    public RelayRunner Runner => App.Services.GetRequiredService<RelayRunner>();

    internal IRelayStore Store => App.Services.GetRequiredService<IRelayStore>();

    public static async Task<RelayHost> StartAsync(
        Uri? upstream,
        Action<ReasoningRelayBuilder>? store = null,
        Action<ReasoningRelayOptions>? options = null,
        Action<RelayEndpointOptions>? endpoint = null,
        Func<HttpContext, ValueTask<RelayRequest>>? start = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        configure?.Invoke(builder);
        if (upstream is not null)
        {
            builder.Services.AddSingleton(new ReasoningClient(new ReasoningClientOptions { BaseUri = upstream, ApiKey = "sk-relay-test", Retry = RetryPolicy.None }));
        }

        var relay = builder.Services.AddReasoningRelay(relayOptions =>
        {
            relayOptions.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
            options?.Invoke(relayOptions);
        });
        store?.Invoke(relay);
        var app = builder.Build();
        app.MapReasoningRelay("/relay", start ?? StartFromJson, endpoint);
        await app.StartAsync();
        return new RelayHost(app);
    }

    public static async ValueTask<RelayRequest> StartFromJson(HttpContext http)
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body);
        var question = body.RootElement.GetProperty("question").GetString() ?? "";
        var conversation = body.RootElement.TryGetProperty("conversation", out var c) ? c.GetString() : null;
        return new RelayRequest(new ChatRequest("test-model", [Message.User(question)])) { ConversationId = conversation };
    }

    public HttpClient NewBrowser() => new(new SocketsHttpHandler { MaxResponseDrainSize = 0, PooledConnectionLifetime = TimeSpan.Zero }) { BaseAddress = BaseAddress };

    /// <summary>Starts a stream; returns its id.</summary>
    public async Task<string> StartStreamAsync(string question = "Why?", string? conversation = null)
    {
        using var response = await Http.PostAsJsonAsync("/relay", new { question, conversation });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>The host waits this long for open requests when it stops (long: a test sees any wait on them).</summary>
    public static void WaitLongOnShutdown(WebApplicationBuilder builder) =>
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(2));

    public Task<RelayEvents> FollowAsync(string streamId, string? lastEventId = null, string? query = null) =>
        RelayEvents.OpenAsync(Http, streamId, lastEventId, query);

    /// <summary>Waits until the stream's run on this instance has ended (stored, archived).</summary>
    public async Task WaitForEndAsync(string streamId)
    {
        if (Runner.RunOf(streamId) is { } run) await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
