namespace ReasonStream.AspNetCore;

/// <summary>One follower's hold on a <see cref="StreamFeed"/>; disposing it tells the store the follower left.</summary>
internal sealed class FeedLease(StreamFeed feed, Action release) : IDisposable
{
    private Action? _release = release;

    public StreamFeed Feed { get; } = feed;

    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
