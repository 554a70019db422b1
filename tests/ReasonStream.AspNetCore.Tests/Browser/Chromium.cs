using Microsoft.Playwright;
using ReasonStream.AspNetCore.Tests.Support;

namespace ReasonStream.AspNetCore.Tests.Browser;

/// <summary>
/// Debian's headless Chromium (packages chromium and chromium-driver), driven by Playwright through its executable
/// path — Playwright's own browser download is never used. The flags are the ones that work on a machine whose only
/// network is loopback: no background networking, component updates, sync or QUIC. Playwright gives each launch a
/// fresh, empty profile.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public static string? Executable { get; } = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path && File.Exists(path)
        ? path
        : Repo.FindProgram("chromium", "/usr/bin/chromium");

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (Executable is null) return;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>A fact that needs Chromium: skipped with the reason when it is not installed.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.Executable is null) Skip = "Chromium is not installed (Debian: apt-get install chromium chromium-driver; .ci/run installs it).";
    }
}

/// <summary>A fact that needs Chromium and <c>redis-server</c>: skipped with the reason when either is not installed.</summary>
public sealed class BrowserAndRedisFactAttribute : FactAttribute
{
    public BrowserAndRedisFactAttribute()
    {
        if (Chromium.Executable is null) Skip = "Chromium is not installed (Debian: apt-get install chromium chromium-driver; .ci/run installs it).";
        else if (RedisServer.Program is null) Skip = "redis-server is not installed (Debian: apt-get install redis-server; .ci/run installs it).";
    }
}
