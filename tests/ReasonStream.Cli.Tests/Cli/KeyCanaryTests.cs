using System.Text;
using ReasonStream.Cli.Tests.Support;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary>
/// A canary key and a canary URL password through every command and every way a server can echo them back (a JSON error,
/// an HTML page cut right inside the key, an error inside the stream, a recorded stream): neither they nor a telltale
/// prefix appear in anything the CLI writes — stdout, stderr, the log, the recording and its timing file, `reason logs`.
/// </summary>
public sealed class KeyCanaryTests
{
    private const string Password = "pw-canary-77c1d9e0";

    [Fact]
    public async Task No_output_and_no_file_holds_the_key_or_the_url_password()
    {
        using var sandbox = new Sandbox().WithKey();
        string key = Sandbox.Key;
        string html = "<html><body>" + new string('z', 292 - "<html><body>".Length) + key + "</body></html>"; // the excerpt's cut falls inside the key
        await using var server = await ReplayServer.StartAsync(
            ReplayResponse.Error(401, "{\"error\":{\"message\":\"Your api key " + key + " is invalid\"}}"),
            ReplayResponse.Error(502, html, "text/html"),
            Streams.Known().InjectAfterEvents(3, "data: {\"error\":{\"message\":\"upstream rejected " + key + "\"}}\n\n", dropRest: true),
            Streams.Known().InjectAfterEvents(2, ": echo " + key + "\n\n"),
            ReplayResponse.Error(500, "{\"error\":{\"message\":\"boom " + key + "\"}}"),
            Streams.Known());
        var withPassword = new UriBuilder(server.BaseUri) { UserName = "user", Password = Password }.Uri.ToString();
        string record = Path.Combine(sandbox.Folder, "run.sse");

        var outputs = new List<CliResult>
        {
            await sandbox.RunAsync(LiveServer.Args(server, "Q")),
            await sandbox.RunAsync(LiveServer.Args(server, "--json", "Q")),
            await sandbox.RunAsync(LiveServer.Args(server, "--record", record, "Q")),
            await sandbox.RunAsync(LiveServer.Args(server, "--record", record, "--json", "Q")),
            await sandbox.RunAsync(["--provider", "deepseek", "--base-url", withPassword, "--api-key-env", Sandbox.KeyVariable, "--retries", "0", "--json", "Q"]),
            await sandbox.RunAsync(["chat", "--provider", "deepseek", "--base-url", withPassword, "--api-key-env", Sandbox.KeyVariable, "--retries", "0"], stdin: "Q\n"),
            await sandbox.RunAsync("logs"),
            await sandbox.RunAsync("logs", "--json"),
            await sandbox.RunAsync("config"),
        };
        for (int id = 1; id <= 6; id++) outputs.Add(await sandbox.RunAsync("logs", "show", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        for (int id = 1; id <= 6; id++) outputs.Add(await sandbox.RunAsync("logs", "show", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json"));

        Assert.Equal(6, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("Bearer " + key, r.Header("Authorization"))); // it was used, every time
        Assert.True(File.Exists(record), "the recording was written");
        foreach (var output in outputs)
        {
            AssertNoCanary(output.Stdout + output.Stderr, output.ToString());
        }

        foreach (string file in Directory.EnumerateFiles(sandbox.Folder, "*", SearchOption.AllDirectories))
        {
            AssertNoCanary(Encoding.UTF8.GetString(File.ReadAllBytes(file)), file);
        }
    }

    private static void AssertNoCanary(string text, string where)
    {
        Assert.False(text.Contains(Sandbox.Key[..8], StringComparison.Ordinal), $"a prefix of the key in {where}");
        Assert.False(text.Contains(Password, StringComparison.Ordinal), $"the URL password in {where}");
    }
}
