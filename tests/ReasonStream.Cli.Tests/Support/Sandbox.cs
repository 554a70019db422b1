using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace ReasonStream.Cli.Tests.Support;

/// <summary>
/// Runs the real `reason` program as a process with a hermetic environment: its own config and data folders,
/// NO_COLOR, no inherited provider keys, stdin always redirected (never the test runner's).
/// </summary>
public sealed class Sandbox : IDisposable
{
    public const string KeyVariable = "REASON_TEST_KEY";
    public const string Key = "sk-test-0123456789-SECRET";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public Sandbox()
    {
        Folder = Directory.CreateTempSubdirectory("reason-cli-test-").FullName;
        Directory.CreateDirectory(ConfigDir);
        Directory.CreateDirectory(DataDir);
    }

    public string Folder { get; }

    public string ConfigDir => Path.Combine(Folder, "config");

    public string DataDir => Path.Combine(Folder, "data");

    public Dictionary<string, string?> Environment { get; } = new() { ["NO_COLOR"] = "1" };

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, stdin: null);

    public async Task<CliResult> RunAsync(string[] args, string? stdin, Func<Process, RunningOutput, Task>? whileRunning = null)
    {
        var start = StartInfo("dotnet");
        start.ArgumentList.Add(Repo.CliDll);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        return await RunAsync(start, args, stdin, whileRunning);
    }

    /// <summary>
    /// Runs `reason` on a pseudo-terminal (util-linux <c>script</c>), so stdin, stdout and stderr are all a
    /// terminal as for a person at a shell. Everything the program wrote, both streams interleaved as the terminal
    /// received them, is <see cref="CliResult.Stdout"/> (with the terminal's \r\n line ends).
    /// </summary>
    public Task<CliResult> RunInTerminalAsync(params string[] args) => RunInTerminalAsync(args, before: null);

    /// <summary>As <see cref="RunInTerminalAsync(string[])"/>, running the shell command <paramref name="before"/> on the terminal first.</summary>
    public async Task<CliResult> RunInTerminalAsync(string[] args, string? before)
    {
        var start = StartInfo("script");
        start.ArgumentList.Add("-qec"); // quiet, the child's exit code, this command
        start.ArgumentList.Add((before is null ? "" : before + "; ") + "exec dotnet " + string.Join(' ', new[] { Repo.CliDll }.Concat(args).Select(ShellQuote)));
        start.ArgumentList.Add("/dev/null"); // no typescript file
        start.Environment["COLUMNS"] = "100";
        start.Environment["LINES"] = "40";
        return await RunAsync(start, args, stdin: null, whileRunning: null);
    }

    /// <summary>
    /// Runs a bash script in the sandbox's folder, as a person types it at a shell, with `reason` defined as the real program
    /// (e.g. <c>(echo A; reason q; echo B) &gt; f</c>). Files the script writes are in <see cref="Folder"/>.
    /// </summary>
    public Task<CliResult> RunShellAsync(string script, string? stdin = null)
    {
        var start = StartInfo("bash");
        start.WorkingDirectory = Folder;
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("reason() { dotnet " + ShellQuote(Repo.CliDll) + " \"$@\"; }\n" + script);
        return RunAsync(start, [script], stdin, whileRunning: null);
    }

    /// <summary>A file the script or the program wrote in <see cref="Folder"/>, as text.</summary>
    public string ReadFile(string name) => File.ReadAllText(Path.Combine(Folder, name));

    private static string ShellQuote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static ProcessStartInfo StartInfo(string program) => new(program)
    {
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        StandardOutputEncoding = new UTF8Encoding(false),
        StandardErrorEncoding = new UTF8Encoding(false),
        UseShellExecute = false,
    };

    private async Task<CliResult> RunAsync(ProcessStartInfo start, string[] args, string? stdin, Func<Process, RunningOutput, Task>? whileRunning)
    {
        foreach (var name in start.Environment.Keys.Where(k => k.EndsWith("_API_KEY", StringComparison.Ordinal) || k.StartsWith("REASON_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["REASON_CONFIG_DIR"] = ConfigDir;
        start.Environment["REASON_DATA_DIR"] = DataDir;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["TERM"] = "xterm-256color";
        foreach (var (name, value) in Environment)
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = new RunningOutput();
        var stdout = output.Stdout;
        var stderr = output.Stderr;
        var pumps = Task.WhenAll(output.Pump(process.StandardOutput, stdout), output.Pump(process.StandardError, stderr));
        await process.StandardInput.WriteAsync(stdin ?? "");
        process.StandardInput.Close();

        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            if (whileRunning is not null) await whileRunning(process, output).WaitAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"reason {string.Join(' ', args)} did not finish in {Limit}.\nstdout:\n{stdout}\nstderr:\n{stderr}");
        }

        await pumps.WaitAsync(TimeSpan.FromSeconds(10));
        return new CliResult(process.ExitCode, Text(stdout), Text(stderr));
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
    public static void Interrupt(Process process) => Assert.Equal(0, NativeMethods.kill(process.Id, 2));

    /// <summary>Sends SIGTERM, as `kill PID`, a service manager or a container runtime does.</summary>
    public static void Terminate(Process process) => Assert.Equal(0, NativeMethods.kill(process.Id, 15));

    public void WriteConfig(string json) => File.WriteAllText(Path.Combine(ConfigDir, "config.json"), json);

    /// <summary>Every byte of the data folder (database, WAL, journal) as text, to prove what is not in it.</summary>
    public string AllDataBytes() =>
        string.Concat(Directory.GetFiles(DataDir).Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Text(StringBuilder builder)
    {
        lock (builder) return builder.ToString();
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int kill(int pid, int sig);
    }
}
