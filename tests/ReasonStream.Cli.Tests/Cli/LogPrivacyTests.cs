using System.Text.Json.Nodes;
using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary>The log holds every prompt and answer: only its owner may read it, and it never holds a credential from a URL.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LogPrivacyTests
{
    private const UnixFileMode GroupAndOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Fact]
    public async Task The_log_folder_is_0700_and_its_files_0600()
    {
        using var sandbox = new Sandbox().WithKey();
        string folder = Path.Combine(sandbox.Folder, "new", "reasonstream");
        sandbox.Environment["REASON_DATA_DIR"] = folder;
        await using var server = await ReplayServer.StartAsync(Streams.Known());

        var result = await sandbox.RunAsync(LiveServer.Args(server, "Q"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        var files = Directory.GetFiles(folder);
        Assert.Contains(Path.Combine(folder, "reason.db"), files);
        Assert.All(files, file => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file)));
    }

    [Fact]
    public async Task A_log_created_readable_by_others_is_made_private()
    {
        using var sandbox = new Sandbox().WithKey();
        await sandbox.RunAsync("logs");
        string database = Path.Combine(sandbox.DataDir, "reason.db");
        File.SetUnixFileMode(database, File.GetUnixFileMode(database) | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await using var server = await ReplayServer.StartAsync(Streams.Known());

        await sandbox.RunAsync(LiveServer.Args(server, "Q"));

        Assert.All(Directory.GetFiles(sandbox.DataDir), file => Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(file) & GroupAndOthers));
    }

    [Fact]
    public async Task Credentials_in_the_base_url_are_never_shown_or_stored()
    {
        using var sandbox = new Sandbox().WithKey();
        await using var server = await ReplayServer.StartAsync(ReplayResponse.Error(500, "{\"error\":{\"message\":\"boom\"}}"));
        string url = new UriBuilder(server.BaseUri) { UserName = "alice", Password = "hunter2", Query = "api_key=qwerty123&version=2" }.Uri.ToString();
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        string unreachable = $"http://alice:hunter2@127.0.0.1:{closedPort}/v1";

        var failed = await sandbox.RunAsync("--provider", "deepseek", "--base-url", url, "--api-key-env", Sandbox.KeyVariable, "--retries", "0", "Q");
        var unreached = await sandbox.RunAsync("--provider", "deepseek", "--base-url", unreachable, "--api-key-env", Sandbox.KeyVariable, "--retries", "0", "Q");
        var show = await sandbox.RunAsync("logs", "show", "1");
        var json = await sandbox.RunAsync("logs", "--json");

        Assert.True(failed.ExitCode == 7, failed.ToString());
        Assert.True(unreached.ExitCode == 6, unreached.ToString());
        Assert.Contains("check the network and the base URL (http://127.0.0.1:", unreached.Stderr);
        foreach (string text in new[] { failed.Stdout + failed.Stderr, unreached.Stdout + unreached.Stderr, show.Stdout, json.Stdout, sandbox.AllDataBytes() })
        {
            Assert.DoesNotContain("hunter2", text);
            Assert.DoesNotContain("qwerty123", text);
        }

        var row = JsonNode.Parse(json.Stdout)!.AsArray().Last()!;
        Assert.Equal($"http://127.0.0.1:{server.Port}/v1/?api_key=***&version=2", (string?)row["base_url"]);
    }
}
