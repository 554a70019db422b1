using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ReasonStream.AspNetCore.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL server (Debian's package) in a temporary folder on a free loopback port, trust
/// authentication, no fsync. PostgreSQL refuses to run as root, so as root it runs as the package's postgres user.
/// Tests that need it are <see cref="PostgresFactAttribute"/>s, skipped with their reason when it is not installed.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private PostgresServer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public static string? BinFolder { get; } = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order().LastOrDefault()
        : null;

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    private static bool IsRoot => Environment.UserName == "root";

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = BinFolder ?? throw new InvalidOperationException("PostgreSQL is not installed.");
        var folder = Path.Combine(Path.GetTempPath(), "relay-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        if (IsRoot) await RunAsync("chown", "postgres", folder);
        var data = Path.Combine(folder, "data");
        await RunAsync(Command(Path.Combine(bin, "initdb")), [.. Prefix(Path.Combine(bin, "initdb")), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);

        var port = FreePort();
        var start = new ProcessStartInfo(Command(Path.Combine(bin, "postgres"))) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in Prefix(Path.Combine(bin, "postgres")).Concat(["-D", data, "-p", port.ToString(), "-k", folder, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"]))
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Text.StringBuilder();
        void Watch(string? line)
        {
            if (line is null) return;
            lock (log) log.AppendLine(line);
            if (line.Contains("ready to accept connections", StringComparison.Ordinal)) ready.TrySetResult();
        }

        process.ErrorDataReceived += (_, e) => Watch(e.Data);
        process.OutputDataReceived += (_, e) => Watch(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("postgres exited: " + log));
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            process.Kill();
            throw;
        }

        return new PostgresServer(process, folder, port);
    }

    private static string Command(string program) => IsRoot ? "runuser" : program;

    private static string[] Prefix(string program) => IsRoot ? ["-u", "postgres", "--", program] : [];

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await error}{await output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder; the OS cleans it.
        }
    }
}

/// <summary>A fact that needs PostgreSQL: skipped with the reason when it is not installed.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.BinFolder is null) Skip = "PostgreSQL is not installed (Debian: apt-get install postgresql; .ci/run installs it).";
        else if (Environment.UserName == "root" && Repo.FindProgram("runuser", "/usr/sbin/runuser", "/sbin/runuser") is null) Skip = "Running as root without runuser: PostgreSQL cannot be started.";
    }
}
