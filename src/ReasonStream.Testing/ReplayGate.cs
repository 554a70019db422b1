namespace ReasonStream.Testing;

/// <summary>
/// Holds a response at a point of its body until the test releases it, so a test can act while the stream is surely
/// mid-way — resize a window, cancel, read what arrived so far — waiting on events, not on a clock. Give it to
/// <see cref="ReplayResponse.HeldAfterEvents"/> or <see cref="ReplayResponse.HeldAfterBytes"/>; await
/// <see cref="Reached"/> to know every byte before the hold point has been written, then call <see cref="Release"/>.
/// </summary>
/// <remarks>
/// One gate may hold several responses: <see cref="Reached"/> completes when the first arrives at its hold point, and
/// <see cref="Release"/> lets every one through, those held now and any that reach the gate later. While held, the
/// response writes nothing (no keep-alives); its pacing resumes after the release as if the hold had not happened.
/// Disposing the server or the client going away ends a held response as it ends a stalled one.
/// </remarks>
/// <example>
/// <code>
/// var gate = new ReplayGate();
/// await using var server = await ReplayServer.StartAsync(reply.ToResponse().HeldAfterEvents(3, gate));
/// // … start the client
/// await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));
/// // … act while the stream is held after its third event
/// gate.Release();
/// </code>
/// </example>
public sealed class ReplayGate
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a response has written every byte before its hold point (they are flushed to the socket).</summary>
    public Task Reached => _reached.Task;

    /// <summary>Whether <see cref="Release"/> has been called.</summary>
    public bool IsReleased => _released.Task.IsCompleted;

    /// <summary>Lets the held responses go on; later ones pass the gate without stopping. Calling it again does nothing.</summary>
    public void Release() => _released.TrySetResult();

    /// <summary>Marks the gate reached and waits for the release (or the end of the exchange).</summary>
    internal Task HoldAsync(CancellationToken cancellationToken)
    {
        _reached.TrySetResult();
        return _released.Task.WaitAsync(cancellationToken);
    }
}
