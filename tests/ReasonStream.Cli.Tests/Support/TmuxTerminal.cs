using System.Diagnostics;

namespace ReasonStream.Cli.Tests.Support;

/// <summary>
/// A real terminal emulator for tests that must see the screen a person sees (escape codes applied, lines redrawn): `reason`
/// runs in a tmux server of its own, the test waits for it to finish on a tmux wait-for channel (an event, not a clock), and
/// the screen with its scrollback is read back as text.
/// </summary>
public sealed class TmuxTerminal : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly string _socket = "reason-test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>tmux, when it is installed (Debian: apt-get install tmux; .ci/run installs it).</summary>
    public static string? Program { get; } = new[] { "/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux" }.FirstOrDefault(File.Exists);

    /// <summary>Runs `reason <paramref name="args"/>` on a <paramref name="width"/>×<paramref name="height"/> terminal to its end; returns the screen and scrollback, trailing blank lines left out.</summary>
    public static async Task<string> RunAsync(Sandbox sandbox, IEnumerable<string> args, int width = 80, int height = 40, string? before = null)
    {
        using var terminal = new TmuxTerminal();
        return await terminal.RunToEndAsync(sandbox.ShellCommand(args), width, height, before);
    }

    /// <summary>Runs a shell command line (not `reason`) on a <paramref name="width"/>×<paramref name="height"/> terminal to its end; returns the screen and scrollback.</summary>
    public static async Task<string> RunShellAsync(string command, int width, int height)
    {
        using var terminal = new TmuxTerminal();
        return await terminal.RunToEndAsync(command, width, height, before: null);
    }

    /// <summary>Starts `reason <paramref name="args"/>` on a new terminal; <see cref="WaitForExitAsync"/> waits for it to end.</summary>
    public static async Task<TmuxTerminal> StartAsync(Sandbox sandbox, IEnumerable<string> args, int width = 80, int height = 40)
    {
        var terminal = new TmuxTerminal();
        await terminal.StartAsync(sandbox.ShellCommand(args), width, height, before: null);
        return terminal;
    }

    /// <summary>Resizes the window (the program gets SIGWINCH).</summary>
    public Task ResizeAsync(int width, int height) =>
        Tmux("resize-window", "-x", width.ToString(System.Globalization.CultureInfo.InvariantCulture), "-y", height.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Waits until the program has ended (an event: it signals a tmux channel as it exits).</summary>
    public Task WaitForExitAsync() => Tmux("wait-for", "done");

    /// <summary>
    /// Waits until the visible screen satisfies <paramref name="condition"/> (tmux has no event for a change of screen, so it is
    /// read again until it does, within a minute); returns that screen.
    /// </summary>
    public async Task<string> WaitForScreenAsync(Func<string, bool> condition)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            string screen = await Tmux("capture-pane", "-p");
            if (condition(screen)) return screen;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The screen never showed what was awaited:\n" + screen);
            await Task.Delay(50);
        }
    }

    /// <summary>The screen and its scrollback, trailing blanks left out.</summary>
    public async Task<string> ScreenAsync()
    {
        string screen = await Tmux("capture-pane", "-p", "-S", "-", "-E", "-");
        return string.Join('\n', screen.TrimEnd('\n', ' ').Split('\n').Select(l => l.TrimEnd()));
    }

    private async Task<string> RunToEndAsync(string command, int width, int height, string? before)
    {
        await StartAsync(command, width, height, before);
        await WaitForExitAsync();
        return await ScreenAsync();
    }

    private Task<string> StartAsync(string command, int width, int height, string? before)
    {
        string script = (before is null ? "" : before + "; ") + command + $"; tmux -L {_socket} wait-for -S done; sleep 600";
        return Tmux("-f", "/dev/null", "start-server", ";", "set-option", "-g", "history-limit", "5000", ";",
            "new-session", "-d", "-x", width.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-y", height.ToString(System.Globalization.CultureInfo.InvariantCulture), script);
    }

    private async Task<string> Tmux(params string[] args)
    {
        var start = new ProcessStartInfo(Program ?? "tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("TMUX");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"tmux {string.Join(' ', args)} failed: {await error}");
        return await output;
    }

    public void Dispose()
    {
        try
        {
            using var kill = Process.Start(new ProcessStartInfo(Program ?? "tmux", ["-L", _socket, "kill-server"]) { UseShellExecute = false, RedirectStandardError = true });
            kill?.WaitForExit(10_000);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No tmux: nothing was started.
        }
    }
}

/// <summary>A test that needs tmux: skipped, saying why, where it is not installed.</summary>
public sealed class TerminalFactAttribute : FactAttribute
{
    public TerminalFactAttribute()
    {
        if (TmuxTerminal.Program is null) Skip = "tmux is not installed (Debian: apt-get install tmux; .ci/run installs it).";
    }
}

/// <summary>A theory that needs tmux: skipped, saying why, where it is not installed.</summary>
public sealed class TerminalTheoryAttribute : TheoryAttribute
{
    public TerminalTheoryAttribute()
    {
        if (TmuxTerminal.Program is null) Skip = "tmux is not installed (Debian: apt-get install tmux; .ci/run installs it).";
    }
}
