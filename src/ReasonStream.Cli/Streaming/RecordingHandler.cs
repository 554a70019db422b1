using ReasonStream.Cli.Errors;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Streaming;

/// <summary>
/// <c>--record FILE</c>: tees the body of a successful streaming response into FILE, byte for byte, as the
/// client reads it (so recording adds no delay), and writes the read timing to FILE.timing for paced replay.
/// FILE is opened by <see cref="Open"/>, before anything is sent, so an unwritable path costs no request; an
/// existing file is only overwritten once a successful response arrives, and a file created for a request that
/// then failed is removed again.
/// </summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    private readonly string _path;
    private readonly bool _created;
    private FileStream? _reserved;

    private RecordingHandler(string path, FileStream reserved, bool created)
    {
        _path = path;
        _reserved = reserved;
        _created = created;
    }

    /// <summary>Opens FILE for writing now; a path that cannot be written is a usage error naming it.</summary>
    public static RecordingHandler Open(string path)
    {
        string sidecar = StreamTiming.SidecarPathFor(path);
        if (Directory.Exists(path)) throw Unwritable(path, "it is a folder");
        if (Directory.Exists(sidecar)) throw Unwritable(sidecar, "it is a folder");
        try
        {
            bool existed = File.Exists(path);
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
            return new RecordingHandler(path, file, created: !existed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Unwritable(path, e.Message);
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode) return response;

        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var tee = new TeeReadStream(body, TakeFile(), StreamTiming.SidecarPathFor(_path));
        var content = new StreamContent(tee);
        foreach (var header in response.Content.Headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        content.Headers.ContentLength = null;
        response.Content = content;
        return response;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _reserved, null) is { } unused)
        {
            unused.Dispose();
            if (_created) TryDelete(_path); // nothing was recorded: leave no empty file behind
        }

        base.Dispose(disposing);
    }

    /// <summary>The file opened up front (emptied now), or for a later response a freshly created one.</summary>
    private FileStream TakeFile()
    {
        if (Interlocked.Exchange(ref _reserved, null) is { } file)
        {
            file.SetLength(0);
            return file;
        }

        return new FileStream(_path, FileMode.Create, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static CliException Unwritable(string path, string reason) =>
        new(ExitCodes.Usage, $"Cannot write the recording to {path}: {reason}", "pass --record a file in a folder you can write to, e.g. --record ./run.sse");
}
