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
    /// Runs `reason` on a pseudo-terminal (util-linux <c>script</c>) whose keyboard is <paramref name="interact"/>'s: what it
    /// types is what a terminal sends for the keys (see <see cref="Keyboard"/>), and it waits on the output (both streams, as
    /// the terminal shows them) before typing more. The terminal is <paramref name="columns"/>×<paramref name="rows"/>.
    /// </summary>
    public async Task<CliResult> RunTypedAsync(string[] args, Func<Process, RunningOutput, Keyboard, Task> interact, int columns = 100, int rows = 40)
    {
        var start = StartInfo("script");
        start.ArgumentList.Add("-qfec");
        start.ArgumentList.Add($"stty cols {columns} rows {rows}; exec dotnet " + string.Join(' ', new[] { Repo.CliDll }.Concat(args).Select(ShellQuote)));
        start.ArgumentList.Add("/dev/null");
        return await RunAsync(start, args, stdin: null, whileRunning: null, interact);
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

    /// <summary>
    /// The environment the program gets, as <c>NAME=value</c> pairs for <c>env</c>, and the variables to unset: the
    /// sandbox's folders and settings, no inherited provider keys or REASON_ variables.
    /// </summary>
    public (List<string> Set, List<string> Unset) ChildEnvironment()
    {
        var unset = System.Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.EndsWith("_API_KEY", StringComparison.Ordinal) || k.StartsWith("REASON_", StringComparison.Ordinal) || k == "NO_COLOR").ToList();
        var set = new List<string>
        {
            "REASON_CONFIG_DIR=" + ConfigDir,
            "REASON_DATA_DIR=" + DataDir,
            "DOTNET_CLI_TELEMETRY_OPTOUT=1",
        };
        foreach (var (name, value) in Environment)
        {
            if (value is null) unset.Add(name);
            else set.Add(name + "=" + value);
        }

        return (set, unset);
    }

    /// <summary>A shell command line that runs `reason` with <paramref name="args"/> in this sandbox's environment.</summary>
    public string ShellCommand(IEnumerable<string> args)
    {
        var (set, unset) = ChildEnvironment();
        return "env " + string.Join(' ', unset.Distinct().Select(u => "-u " + ShellQuote(u))) + " " + string.Join(' ', set.Select(ShellQuote)) +
            " dotnet " + string.Join(' ', new[] { Repo.CliDll }.Concat(args).Select(ShellQuote));
    }

    /// <summary>A file the script or the program wrote in <see cref="Folder"/>, as text.</summary>
    public string ReadFile(string name) => File.ReadAllText(Path.Combine(Folder, name));

    public static string ShellQuote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static ProcessStartInfo StartInfo(string program) => new(program)
    {
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        StandardOutputEncoding = new UTF8Encoding(false),
        StandardErrorEncoding = new UTF8Encoding(false),
        UseShellExecute = false,
    };

    private async Task<CliResult> RunAsync(ProcessStartInfo start, string[] args, string? stdin, Func<Process, RunningOutput, Task>? whileRunning, Func<Process, RunningOutput, Keyboard, Task>? typing = null)
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
        if (typing is null)
        {
            await process.StandardInput.WriteAsync(stdin ?? "");
            process.StandardInput.Close();
        }

        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            if (whileRunning is not null) await whileRunning(process, output).WaitAsync(timeout.Token);
            if (typing is not null)
            {
                await typing(process, output, new Keyboard(process.StandardInput)).WaitAsync(timeout.Token);
            }

            await process.WaitForExitAsync(timeout.Token);
            if (typing is not null) process.StandardInput.Close();
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
