using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReasonStream.AspNetCore.Tests.Support;

namespace ReasonStream.AspNetCore.Tests.Browser;

/// <summary>The bundled client (<c>{pattern}/client.js</c>) in headless Chromium, against a real relay.</summary>
public sealed class ClientTests(Chromium chromium) : IClassFixture<Chromium>
{
    private readonly Channel<StreamUpdate> _gate = Channel.CreateUnbounded<StreamUpdate>();
    private int _eventRequests;

    [BrowserFact]
    public async Task A_failure_of_the_relay_itself_reaches_onError_once_and_the_client_does_not_reconnect()
    {
        await using var app = await StartAsync(relay => { });
        var page = await OpenAsync(app, followers: 1);
        _gate.Writer.TryWrite(new ReasoningDelta("thinking"));
        await page.WaitForFunctionAsync("() => log.includes('1 reasoning thinking')");

        var id = await page.EvaluateAsync<string>("() => window.streamId");
        app.App.Services.GetRequiredService<IRelayStore>().FailLocal(id, RelayErrorKinds.StoreUnavailable, RelayErrorKinds.StoreUnavailableMessage);

        await page.WaitForFunctionAsync("() => log.includes('1 done error')");
        var log = await page.EvaluateAsync<string[]>("() => log");
        Assert.Equal(["1 reasoning thinking", "1 error store_unavailable", "1 done error"], log.Where(l => !l.Contains("connection")));
        Assert.Equal(1, Volatile.Read(ref _eventRequests));
    }

    [BrowserAndRedisFact]
    public async Task When_Redis_dies_mid_stream_every_follower_on_the_page_shows_the_error_without_a_reconnect_storm()
    {
        var redis = await RedisServer.StartAsync();
        await using var app = await StartAsync(relay => relay.UseRedis(redis.Configuration + ",connectTimeout=500,asyncTimeout=500,syncTimeout=500", "browser:"));
        var page = await OpenAsync(app, followers: 2);
        _gate.Writer.TryWrite(new ReasoningDelta("thinking"));
        await page.WaitForFunctionAsync("() => log.filter(l => l.endsWith('reasoning thinking')).length === 2");

        await redis.DisposeAsync();
        _gate.Writer.TryWrite(new ReasoningDelta(" more"));

        await page.WaitForFunctionAsync("() => log.filter(l => l.endsWith('done error')).length === 2");
        var log = await page.EvaluateAsync<string[]>("() => log");
        Assert.Equal(2, log.Count(l => l.EndsWith(" error store_unavailable", StringComparison.Ordinal)));
        Assert.Equal(2, Volatile.Read(ref _eventRequests)); // one connection per follower, no reconnect after the error
    }

    private async Task<RelayHost> StartAsync(Action<ReasoningRelayBuilder> store)
    {
        var host = await RelayHost.StartAsync(null, store, start: _ => ValueTask.FromResult(new RelayRequest(t => _gate.Reader.ReadAllAsync(t), "q")),
            configure: builder => builder.Services.AddSingleton<IStartupFilter>(new PageAndCounter(() => Interlocked.Increment(ref _eventRequests))));
        return host;
    }

    /// <summary>Opens the page, starts a stream and follows it with <paramref name="followers"/> followers that log what they get.</summary>
    private async Task<IPage> OpenAsync(RelayHost host, int followers)
    {
        var page = await chromium.Browser.NewPageAsync();
        await page.GotoAsync(host.BaseAddress + "page");
        await page.EvaluateAsync("""
            async followers => {
              window.log = [];
              const relay = new ReasonStreamRelay("/relay");
              window.streamId = await relay.start({});
              for (let n = 1; n <= followers; n++) {
                const follower = relay.follow(window.streamId, {
                  onReasoning: t => log.push(n + " reasoning " + t),
                  onError: e => log.push(n + " error " + e.kind),
                  onConnection: s => log.push(n + " connection " + s),
                });
                follower.done.then(how => log.push(n + " done " + how));
              }
            }
            """, followers);
        return page;
    }

    /// <summary>Serves a blank page with the client, and counts the event-stream requests.</summary>
    private sealed class PageAndCounter(Action onEventsRequest) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, nextMiddleware) =>
            {
                if (http.Request.Path.Value!.EndsWith("/events", StringComparison.Ordinal)) onEventsRequest();
                if (http.Request.Path == "/page")
                {
                    http.Response.ContentType = "text/html";
                    await http.Response.WriteAsync("<!doctype html><script src=\"/relay/client.js\"></script>");
                    return;
                }

                await nextMiddleware(http);
            });
            next(app);
        };
    }
}
