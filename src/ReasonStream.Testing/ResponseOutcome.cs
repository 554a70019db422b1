namespace ReasonStream.Testing;

/// <summary>How the server's side of one exchange ended.</summary>
public enum ResponseOutcome
{
    /// <summary>The whole response was written and cleanly terminated.</summary>
    Completed,

    /// <summary>The server closed the connection abruptly on purpose (<see cref="ReplayResponse.AbortAfterBytes"/>).</summary>
    AbortedByFault,

    /// <summary>The client closed the connection (or cancelled) before the response was complete.</summary>
    ClientDisconnected,

    /// <summary>The server was disposed while the response was still being written, delayed or stalled; the connection was aborted.</summary>
    ServerStopped,
}
