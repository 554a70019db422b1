using System.Text;

namespace ReasonStream.Cli.Tests.Support;

/// <summary>What a running `reason` has written so far, and a way to wait — on the output itself, never on a clock — until it says something.</summary>
public sealed class RunningOutput
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StringBuilder Stdout { get; } = new();

    public StringBuilder Stderr { get; } = new();

    public string StdoutText => Snapshot(Stdout);

    public string StderrText => Snapshot(Stderr);

    /// <summary>Waits until <paramref name="condition"/> holds, checking each time more output arrives (the test's own time limit bounds it).</summary>
    public async Task WaitUntilAsync(Func<RunningOutput, bool> condition)
    {
        while (true)
        {
            Task changed;
            lock (_gate) changed = _changed.Task; // taken before looking, so no output can slip in between unseen
            if (condition(this)) return;
            await changed;
        }
    }

    internal async Task Pump(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (into) into.Append(buffer, 0, read);
            Changed();
        }

        Changed();
    }

    private void Changed()
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            done = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.TrySetResult();
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output) return output.ToString();
    }
}
