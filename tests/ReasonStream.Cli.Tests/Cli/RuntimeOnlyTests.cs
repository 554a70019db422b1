using System.Runtime.InteropServices;
using ReasonStream.Cli.Tests.Support;

namespace ReasonStream.Cli.Tests.Cli;

/// <summary>
/// `dotnet tool install -g` puts the framework-dependent program on a machine that may have only the .NET runtime:
/// the demo and replay (which run the replay server in-process) must start there, without ASP.NET Core.
/// </summary>
public sealed class RuntimeOnlyTests
{
    [Fact]
    public async Task Demo_and_replay_run_on_a_dotnet_with_only_the_base_runtime_installed()
    {
        using var sandbox = new Sandbox();
        string dotnet = RuntimeOnlyDotnet(Path.Combine(sandbox.Folder, "dotnet-runtime-only"));
        sandbox.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(dotnet);
        sandbox.Environment["RUNTIME_ONLY_DOTNET"] = dotnet;
        sandbox.Environment["CLI_DLL"] = Repo.CliDll;

        var runtimes = await sandbox.RunShellAsync("\"$RUNTIME_ONLY_DOTNET\" --list-runtimes");
        var demo = await sandbox.RunShellAsync("\"$RUNTIME_ONLY_DOTNET\" \"$CLI_DLL\" demo --fast");
        var replay = await sandbox.RunShellAsync($"\"$RUNTIME_ONLY_DOTNET\" \"$CLI_DLL\" replay '{Repo.Capture("deepseek-reasoner-01.sse")}' --fast");

        // The installation the program ran on really lacks ASP.NET Core, so the test cannot pass by finding it.
        Assert.True(runtimes.ExitCode == 0, runtimes.ToString());
        Assert.Contains("Microsoft.NETCore.App", runtimes.Stdout);
        Assert.DoesNotContain("Microsoft.AspNetCore.App", runtimes.Stdout);

        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Contains("Almost certainly not.", demo.Stdout);
        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.NotEmpty(replay.Stdout);
    }

    /// <summary>
    /// A .NET installation holding only the host and Microsoft.NETCore.App of the one running the tests. The muxer is
    /// copied, not linked: it finds the frameworks beside its own resolved path.
    /// </summary>
    private static string RuntimeOnlyDotnet(string root)
    {
        string frameworkVersion = Path.TrimEndingDirectorySeparator(RuntimeEnvironment.GetRuntimeDirectory());
        string netCoreApp = Path.GetDirectoryName(frameworkVersion)!;
        string installation = Path.GetDirectoryName(Path.GetDirectoryName(netCoreApp)!)!;

        Directory.CreateDirectory(Path.Combine(root, "shared"));
        Directory.CreateSymbolicLink(Path.Combine(root, "shared", "Microsoft.NETCore.App"), netCoreApp);
        Directory.CreateSymbolicLink(Path.Combine(root, "host"), Path.Combine(installation, "host"));
        string muxer = Path.Combine(root, "dotnet");
        File.Copy(Path.Combine(installation, "dotnet"), muxer);
        return muxer;
    }
}
