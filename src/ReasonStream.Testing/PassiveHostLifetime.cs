using Microsoft.Extensions.Hosting;

namespace ReasonStream.Testing;

/// <summary>
/// A host lifetime that ignores Ctrl+C and SIGTERM and prints nothing, so an embedded replay server never
/// steals the signals of the test run or CLI that hosts it. The server stops only when disposed.
/// </summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
