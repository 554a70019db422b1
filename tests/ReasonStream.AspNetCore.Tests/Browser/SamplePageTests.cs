using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;
using ReasonStream.AspNetCore.Tests.Support;
using ReasonStream.Testing;
using Samples.WebRelay;

namespace ReasonStream.AspNetCore.Tests.Browser;

/// <summary>
/// The sample page (samples/WebRelay) in real headless Chromium, against the replay server. Each state is also a
/// screenshot: in the test output always, and into docs/screenshots/ with UPDATE_SCREENSHOTS=1 (for the README).
/// </summary>
public sealed class SamplePageTests(Chromium chromium) : IClassFixture<Chromium>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // Markdown with injection attempts: the page must render the markup and drop the script, the javascript: URL and the handler.
    private static readonly string[] AnswerPieces =
    [
        "## Why the sky is blue\n\n", "Sunlight is **scattered** by the molecules of the air, ", "and short wavelengths ", "scatter most ",
        "(Rayleigh: ∝ 1/λ⁴).\n\n", "- blue scatters about ", "5.5× more than red\n", "- at sunset the light ", "crosses more air, so reds remain\n\n",
        "`I ∝ 1/λ⁴`\n\n", "<script>window.injected = true</script>",
        "More in <a href=\"javascript:window.injected = true\" onmouseover=\"window.injected = true\">the notes</a>.",
    ];

    private readonly string _database = Path.Combine(Path.GetTempPath(), "webrelay-" + Guid.NewGuid().ToString("N") + ".db");
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        if (Chromium.Executable is null) return;
        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 900, Height = 720 } });
        _context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        _page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_context is not null) await _context.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }

    [BrowserFact]
    public async Task The_thinking_shows_live_before_the_answer_then_collapses_and_the_answer_renders_as_sanitised_markdown()
    {
        var upstream = Script(reasoningPieces: 60);
        await using var server = await ReplayServer.StartAsync(upstream.Response);
        await using var app = await StartSampleAsync(server);

        await AskAsync(app, "Why is the sky blue?");
        var turn = _page.Locator(".turn").Last;
        await Assertions.Expect(turn).ToHaveAttributeAsync("data-state", "thinking");
        Assert.Equal("", await turn.Locator(".answer").InnerTextAsync());
        await Assertions.Expect(turn.Locator(".thinking-label")).ToHaveTextAsync(new Regex(@"^Thinking… \d+\.\d s$"));
        Assert.True(await turn.Locator(".thinking").GetAttributeAsync("open") is not null);
        await ScreenshotAsync("relay-thinking.png");

        await Assertions.Expect(_page.Locator("body")).ToHaveAttributeAsync("data-state", "done");
        await Assertions.Expect(turn.Locator(".thinking-label")).ToHaveTextAsync(new Regex(@"^Thought for \d+\.\d s$"));
        Assert.Null(await turn.Locator(".thinking").GetAttributeAsync("open"));
        Assert.Equal(upstream.Reasoning, await turn.Locator(".reasoning").EvaluateAsync<string>("e => e.textContent"));
        Assert.Equal("Why the sky is blue", await turn.Locator(".answer h2").InnerTextAsync());
        Assert.Equal("scattered", await turn.Locator(".answer strong").InnerTextAsync());
        Assert.Equal(2, await turn.Locator(".answer li").CountAsync());
        Assert.Equal(0, await turn.Locator(".answer script").CountAsync());
        var link = turn.Locator(".answer a");
        Assert.Equal("the notes", await link.InnerTextAsync());
        Assert.Null(await link.GetAttributeAsync("href"));
        Assert.Null(await link.GetAttributeAsync("onmouseover"));
        await link.HoverAsync();
        Assert.False(await _page.EvaluateAsync<bool>("() => window.injected === true"));
        await ScreenshotAsync("relay-answer.png");
    }

    [BrowserFact]
    public async Task A_reload_mid_stream_continues_the_answer_and_keeps_the_conversation()
    {
        var first = Script(reasoningPieces: 5);
        var second = Script(reasoningPieces: 80, delay: TimeSpan.FromMilliseconds(25));
        await using var server = await ReplayServer.StartAsync(first.Response, second.Response);
        await using var app = await StartSampleAsync(server);
        await AskAsync(app, "Why is the sky blue?");
        await Assertions.Expect(_page.Locator("body")).ToHaveAttributeAsync("data-state", "done");

        await _page.Locator("#question").FillAsync("And at sunset?");
        await _page.Locator("#question").PressAsync("Enter");
        var turn = _page.Locator(".turn").Last;
        await Assertions.Expect(turn.Locator(".reasoning")).ToContainTextAsync("r3:");
        await _page.ReloadAsync();

        var turns = _page.Locator(".turn");
        await Assertions.Expect(turns).ToHaveCountAsync(2);
        await Assertions.Expect(turns.Last.Locator(".question")).ToHaveTextAsync("And at sunset?");
        await Assertions.Expect(turns.Last.Locator(".reasoning")).ToContainTextAsync("r5:");
        await ScreenshotAsync("relay-resumed.png");
        await Assertions.Expect(_page.Locator("body")).ToHaveAttributeAsync("data-state", "done");

        Assert.Equal(second.Reasoning, await turns.Last.Locator(".reasoning").EvaluateAsync<string>("e => e.textContent"));
        Assert.Equal("Why the sky is blue", await turns.First.Locator(".answer h2").InnerTextAsync());
        Assert.Equal(2, server.Requests.Count);
        var messages = (await server.WaitForRequestAsync(1)).BodyAsJson()!["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "user"], messages.Select(m => (string?)m!["role"]));
    }

    [BrowserFact]
    public async Task The_stop_button_stops_the_generation_and_says_so()
    {
        var upstream = Script(reasoningPieces: 40);
        var body = upstream.Response;
        await using var server = await ReplayServer.StartAsync(body with { StallAfterBytes = body.Body.Length / 4 });
        await using var app = await StartSampleAsync(server);

        await AskAsync(app, "Why is the sky blue?");
        await Assertions.Expect(_page.Locator(".turn .reasoning")).ToContainTextAsync("r1:");
        await _page.Locator("#stop").ClickAsync();

        await Assertions.Expect(_page.Locator("body")).ToHaveAttributeAsync("data-state", "stopped");
        await Assertions.Expect(_page.Locator(".turn .error")).ToHaveTextAsync("Stopped.");
        Assert.Equal(ResponseOutcome.ClientDisconnected, await (await server.WaitForRequestAsync(0)).Outcome.WaitAsync(Timeout));
        await ScreenshotAsync("relay-stopped.png");
    }

    [BrowserFact]
    public async Task An_upstream_error_is_shown_as_an_error()
    {
        await using var server = await ReplayServer.StartAsync(ReplayResponse.Error(402, """{"error":{"message":"Insufficient Balance"}}"""));
        await using var app = await StartSampleAsync(server);

        await AskAsync(app, "Why is the sky blue?");

        await Assertions.Expect(_page.Locator("body")).ToHaveAttributeAsync("data-state", "error");
        await Assertions.Expect(_page.Locator(".turn .error")).ToContainTextAsync("insufficient_balance");
        await ScreenshotAsync("relay-error.png");
    }

    [BrowserFact]
    public async Task Model_output_can_neither_make_the_page_fetch_from_another_site_nor_restyle_the_page()
    {
        await using var outside = await OutsideSite.StartAsync();
        var answer = $"Here you go. ![]({outside.Origin}/pixel.png?q=the+user%27s+secret) ![a chart]({outside.Origin}/chart.png) " +
            $"<img src=\"{outside.Origin}/raw.png\" srcset=\"{outside.Origin}/set.png 2x\"> " +
            $"<div style=\"position:fixed;inset:0;background:#fff;z-index:9\"><a href=\"{outside.Origin}/login\">Session expired: sign in again</a></div>";
        var reply = new ScriptedReply(WireProtocol.ChatCompletions, "deepseek-flash").Answer(answer).ToResponse();
        await using var server = await ReplayServer.StartAsync(reply);
        await using var app = await StartSampleAsync(server);

        await AskAsync(app, "Summarise my notes");
        await Assertions.Expect(_page.Locator("body")).ToHaveAttributeAsync("data-state", "done");

        var box = _page.Locator(".turn .answer");
        Assert.Equal(0, await box.Locator("img").CountAsync());
        Assert.Equal(0, await box.Locator("[style]").CountAsync());
        await Assertions.Expect(box).ToContainTextAsync("[image: a chart]");
        var overlay = await box.Locator("div").BoundingBoxAsync();
        Assert.True(overlay!.Height < 100, $"The model's block covers {overlay.Width}x{overlay.Height}.");
        await _page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(outside.Requests);
    }

    [BrowserFact]
    public async Task The_pages_policy_stops_the_browser_loading_another_sites_image_even_if_markup_slips_past_the_sanitiser()
    {
        await using var outside = await OutsideSite.StartAsync();
        await using var server = await ReplayServer.StartAsync(Script(reasoningPieces: 1).Response);
        await using var app = await StartSampleAsync(server);
        await _page.GotoAsync(app.Urls.First());

        // As if the sanitiser had a hole: another site's image put straight into the page.
        await _page.EvaluateAsync("""
            url => {
              window.violations = [];
              document.addEventListener("securitypolicyviolation", e => violations.push(e.effectiveDirective + " " + e.blockedURI));
              const image = document.createElement("img");
              image.src = url;
              document.body.appendChild(image);
            }
            """, outside.Origin + "/pixel.png?q=secret");

        await _page.WaitForFunctionAsync("() => violations.length > 0");
        Assert.StartsWith("img-src " + outside.Origin, (await _page.EvaluateAsync<string[]>("() => violations"))[0]);
        Assert.Empty(outside.Requests);
    }

    private async Task AskAsync(WebApplication app, string question)
    {
        await _page.GotoAsync(app.Urls.First());
        await _page.Locator("#question").FillAsync(question);
        await _page.Locator("#question").PressAsync("Enter");
    }

    private async Task<WebApplication> StartSampleAsync(ReplayServer upstream)
    {
        var app = WebRelayApp.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ReasonStream:BaseUrl"] = upstream.BaseUri.ToString(),
                ["ReasonStream:ApiKey"] = "sk-relay",
                ["ReasonStream:MaxRetries"] = "0",
                ["Relay:Archive"] = $"Data Source={_database}",
                ["Logging:LogLevel:Default"] = "Warning",
            });
        });
        await app.StartAsync();
        return app;
    }

    private async Task ScreenshotAsync(string name)
    {
        var output = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(output);
        var path = Path.Combine(output, name);
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1")
        {
            var docs = Path.Combine(Repo.Root, "docs", "screenshots");
            Directory.CreateDirectory(docs);
            File.Copy(path, Path.Combine(docs, name), overwrite: true);
        }
    }

    private static (ReplayResponse Response, string Reasoning) Script(int reasoningPieces, TimeSpan? delay = null)
    {
        var reasoning = Enumerable.Range(0, reasoningPieces).Select(i => $"r{i}: the user asks about light; Rayleigh scattering goes as 1/λ⁴, so blue wins. ").ToArray();
        var reply = new ScriptedReply(WireProtocol.ChatCompletions, "deepseek-flash")
            .Reasoning(reasoning)
            .Answer(AnswerPieces)
            .Usage(prompt: 12, completion: 180, reasoning: 120);
        var response = reply.ToResponse() with { Pacing = ReplayPacing.DelayBetweenEvents(delay ?? TimeSpan.FromMilliseconds(30)) };
        return (response, string.Concat(reasoning));
    }
}
