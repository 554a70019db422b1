using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Samples.WebRelay;

namespace ReasonStream.AspNetCore.Tests;

/// <summary>The sample application's HTTP rules, without a browser.</summary>
public sealed class SampleAppTests : IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), "webrelay-http-" + Guid.NewGuid().ToString("N") + ".db");
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = WebRelayApp.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ReasonStream:BaseUrl"] = "http://127.0.0.1:9/v1/", // never reached: nothing is started
                ["ReasonStream:ApiKey"] = "sk-relay",
                ["Relay:Archive"] = $"Data Source={_database}",
                ["Logging:LogLevel:Default"] = "Warning",
            });
        });
        await _app.StartAsync();
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_start_that_another_site_could_send_without_asking_is_refused(string contentType)
    {
        // A cross-site form or fetch may post these without a CORS preflight; application/json it may not.
        using var http = Browser();
        using var response = await http.PostAsync("/relay", new StringContent("""{"question":"spend your tokens"}""", Encoding.UTF8, contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_page_is_served_with_a_policy_that_loads_nothing_from_other_origins()
    {
        using var http = Browser();
        using var response = await http.GetAsync("/");

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("img-src 'self'", policy);
    }

    private HttpClient Browser() => new() { BaseAddress = new Uri(_app.Urls.First()) };

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}
