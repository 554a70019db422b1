using System.Text;

namespace ReasonStream.Tests.Support;

/// <summary>
/// Reads a body through the real client every way the network could cut it — whole, byte at a time, with every line
/// break split from what follows it (and CR from LF), and at random — asynchronously and synchronously, as the runtime's
/// own SSE tests do; asserts that every way gives the same updates and the same outcome, then returns that result or
/// throws that error. Wire tests go through it, so split-invariance is checked for every shape they cover.
/// </summary>
public static class EveryWay
{
    public static Task<ChatResult> ResultAsync(string body, ReasoningDialect? dialect = null, WireProtocol? protocol = null) =>
        ResultAsync(Encoding.UTF8.GetBytes(body), dialect, protocol);

    public static Task<ChatResult> ResultAsync(byte[] body, ReasoningDialect? dialect = null, WireProtocol? protocol = null) =>
        Run(body, readSize => InMemoryHandler.Client(body, readSize, dialect, protocol));

    /// <summary>The same, for a server answering with <paramref name="contentType"/> (NDJSON, plain JSON, HTML).</summary>
    public static Task<ChatResult> ResultAsync(string body, string contentType, WireProtocol? protocol = null) =>
        Run(Encoding.UTF8.GetBytes(body), readSize => InMemoryHandler.Client(Encoding.UTF8.GetBytes(body), contentType, protocol, readSize));

    /// <inheritdoc cref="ResultAsync(string, string, WireProtocol?)"/>
    public static Task<ChatResult> ResultAsync(byte[] body, string contentType, WireProtocol? protocol = null) =>
        Run(body, readSize => InMemoryHandler.Client(body, contentType, protocol, readSize));

    private static async Task<ChatResult> Run(byte[] body, Func<Func<int, int>, ReasoningClient> clientFor)
    {
        var (reference, result, error) = await Async(clientFor(_ => int.MaxValue));
        foreach (var (name, readSize) in Cuts(body))
        {
            var (other, _, _) = await Async(clientFor(readSize));
            Assert.True(reference.SequenceEqual(other), $"Read {name}, the same bytes gave other updates:\n{string.Join("\n", other)}\nwhole:\n{string.Join("\n", reference)}");
        }

        foreach (var (name, readSize) in Cuts(body).Take(2))
        {
            var synchronous = Sync(clientFor(readSize));
            Assert.True(reference.SequenceEqual(synchronous), $"Read synchronously {name}, the same bytes gave other updates:\n{string.Join("\n", synchronous)}");
        }

        if (error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        return result!;
    }

    /// <summary>Byte at a time; cut after every line break and between CR and LF; random sizes from 1 to 96.</summary>
    private static IEnumerable<(string Name, Func<int, int> ReadSize)> Cuts(byte[] body)
    {
        yield return ("byte at a time", _ => 1);
        var sizes = new List<int>();
        int last = 0;
        for (int i = 0; i < body.Length; i++)
        {
            if (body[i] is (byte)'\r' or (byte)'\n')
            {
                if (i > last) sizes.Add(i - last); // up to the break
                sizes.Add(1);                      // the break alone: CR, LF, each a read of its own
                last = i + 1;
            }
        }

        if (body.Length > last) sizes.Add(body.Length - last);
        var lines = sizes.ToArray();
        yield return ("with every line break in a read of its own", n => n < lines.Length ? lines[n] : int.MaxValue);
        var random = new Random(body.Length);
        var randomSizes = Enumerable.Range(0, 2048).Select(_ => random.Next(1, 97)).ToArray();
        yield return ("at random", n => randomSizes[n % randomSizes.Length]);
    }

    private static async Task<(List<string> Outcome, ChatResult? Result, Exception? Error)> Async(ReasoningClient client)
    {
        using (client)
        {
            var accumulator = new ChatAccumulator();
            var updates = new List<StreamUpdate>();
            try
            {
                await foreach (var update in client.StreamAsync(Updates.Ask(), accumulator)) updates.Add(update);
                return (Updates.Normalized(updates), accumulator.ToResult(), null);
            }
            catch (ReasonStreamException ex)
            {
                return ([.. Updates.Normalized(updates), Describe(ex)], null, ex);
            }
        }
    }

    private static List<string> Sync(ReasoningClient client)
    {
        using (client)
        {
            var updates = new List<StreamUpdate>();
            try
            {
                foreach (var update in client.Stream(Updates.Ask())) updates.Add(update);
                return Updates.Normalized(updates);
            }
            catch (ReasonStreamException ex)
            {
                return [.. Updates.Normalized(updates), Describe(ex)];
            }
        }
    }

    private static string Describe(ReasonStreamException ex) =>
        $"E:{ex.GetType().Name}:{ex.ProviderCode}:{ex.PartialResult?.Reasoning.Length}:{ex.PartialResult?.Answer.Length}";
}
