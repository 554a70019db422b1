using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ReasonStream.AspNetCore.Tests.Support;

/// <summary>Another origin on loopback (what an attacker's server would be): answers anything, records every request.</summary>
public sealed class OutsideSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OutsideSite(WebApplication app) => _app = app;

    public ConcurrentQueue<string> Requests { get; } = new();

    public string Origin => _app.Urls.First();

    public static async Task<OutsideSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var site = new OutsideSite(app);
        app.Run(http =>
        {
            site.Requests.Enqueue(http.Request.Path + http.Request.QueryString);
            return http.Response.WriteAsync("ok");
        });
        await app.StartAsync();
        return site;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
