using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ReasonStream.AspNetCore.Tests.Support;

/// <summary>
/// A real <c>redis-server</c> (Debian's package) on a free loopback port, with no persistence, started for the tests
/// and killed when they end. Tests that need it are <see cref="RedisFactAttribute"/>s: skipped, saying why, when the
/// program is not installed (<c>.ci/run</c> installs it).
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public static string? Program { get; } = Repo.FindProgram("redis-server", "/usr/bin/redis-server");

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Starts a redis-server on a free port, or on <paramref name="port"/> (to bring one back after a crash, empty).</summary>
    public static async Task<RedisServer> StartAsync(int? port = null)
    {
        var program = Program ?? throw new InvalidOperationException("redis-server is not installed.");
        port ??= FreePort();
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null) return;
            lock (output) output.AppendLine(line.Data);
            if (line.Data.Contains("Ready to accept connections", StringComparison.Ordinal)) ready.TrySetResult();
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("redis-server exited: " + output));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }

        return new RedisServer(process, port.Value);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}

/// <summary>A fact that needs <c>redis-server</c>: skipped with the reason when it is not installed.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServer.Program is null) Skip = "redis-server is not installed (Debian: apt-get install redis-server; .ci/run installs it).";
    }
}

/// <summary>One redis-server shared by the tests of a class (each test uses its own key prefix).</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public RedisServer? Server { get; private set; }

    public async Task InitializeAsync()
    {
        if (RedisServer.Program is not null) Server = await RedisServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
    }
}
