namespace ReasonStream.AspNetCore;

/// <summary>The diagnostic ids of the relay's experimental surfaces.</summary>
public static class RelayDiagnostics
{
    /// <summary>
    /// The archive of finished exchanges (<see cref="IExchangeArchive"/>, <see cref="ArchivedExchange"/> and the
    /// <c>Use…Archive</c> methods): its shape will change as the archive learns to keep tool results and reasoning
    /// blocks. Suppress <c>REASONSTREAM001</c> to use it.
    /// </summary>
    public const string ArchiveExperiment = "REASONSTREAM001";
}
