namespace ReasonStream.Cli.Output;

/// <summary>
/// Keeps stdout and stderr in the order they were written: one lock for both, and before one is written to, whatever
/// the other holds is sent first. When both lead to the same file or terminal, text lands as it was produced.
/// </summary>
internal sealed class OutputOrder
{
    private OutputChannel? _last;

    public Lock Gate { get; } = new();

    /// <summary>Makes <paramref name="channel"/> the one being written to; the caller holds <see cref="Gate"/>.</summary>
    public void Switch(OutputChannel channel)
    {
        if (_last is not null && _last != channel) _last.FlushLocked();
        _last = channel;
    }
}
