using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Output;
using ReasonStream.Testing;

namespace ReasonStream.Cli.Streaming;

/// <summary>
/// <c>--record FILE</c>: tees the body of a successful streaming response into FILE, byte for byte, as the
/// client reads it (so recording adds no delay), and writes the read timing to FILE.timing for paced replay.
/// FILE is opened by <see cref="Open"/>, before anything is sent, so an unwritable path costs no request; an
/// existing file is only overwritten once a successful response arrives, and a file created for a request that
/// then failed is removed again. A recording that fails later (a full disk) never costs the answer: it stops, and
/// <see cref="Failure"/> says why. FILE may be the terminal or file behind stdout or stderr (<c>--record /dev/stdout</c>):
/// the bytes then go through that stream's own writer, in order with the text around them, and no timing file is written
/// (nor for another device, such as /dev/null).
/// The API key is never written: wherever the server echoes it, the recording has asterisks instead.
/// </summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    private readonly string _path;
    private readonly bool _created;
    private readonly string? _apiKey;
    private readonly OutputChannel? _standardStream;
    private FileStream? _reserved;
    private string? _failure;

    private RecordingHandler(string path, FileStream? reserved, bool created, OutputChannel? standardStream, string? apiKey)
    {
        _path = path;
        _reserved = reserved;
        _created = created;
        _standardStream = standardStream;
        _apiKey = apiKey;
    }

    /// <summary>Why the recording stopped or never started (e.g. "cannot write run.sse: No space left on device"), or null.</summary>
    public string? Failure => Volatile.Read(ref _failure);

    /// <summary>Opens FILE for writing now; a path that cannot be written is a usage error naming it.</summary>
    public static RecordingHandler Open(string path, string? apiKey = null)
    {
        if (StandardStreamPath.ChannelFor(path) is { } channel) return new RecordingHandler(path, null, created: false, channel, apiKey);
        string sidecar = StreamTiming.SidecarPathFor(path);
        if (Directory.Exists(path)) throw Unwritable(path, "it is a folder");
        if (Directory.Exists(sidecar)) throw Unwritable(sidecar, "it is a folder");
        try
        {
            bool existed = File.Exists(path);
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
            return new RecordingHandler(path, file, created: !existed, standardStream: null, apiKey);
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

        RecordSink sink;
        try
        {
            sink = _standardStream is { } channel ? new RecordSink.ToChannel(channel) : new RecordSink.ToFile(TakeFile(), IsDevice(_path) ? null : StreamTiming.SidecarPathFor(_path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(e);
            return response; // the answer does not depend on its recording
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var tee = new TeeReadStream(body, sink, _apiKey, Fail);
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

    private void Fail(Exception e)
    {
        // .NET words it "No space left on device : '/path'": the path is said once, first.
        string reason = e.Message.Replace($" : '{Path.GetFullPath(_path)}'", "", StringComparison.Ordinal).Replace($" : '{_path}'", "", StringComparison.Ordinal).TrimEnd('.');
        Interlocked.CompareExchange(ref _failure, $"cannot write {_path}: {reason}", null);
    }

    /// <summary>The file opened up front (emptied now), or for a later response a freshly created one.</summary>
    private FileStream TakeFile()
    {
        if (Interlocked.Exchange(ref _reserved, null) is { } file)
        {
            try
            {
                if (file.CanSeek) file.SetLength(0);
            }
            catch (IOException)
            {
                // A device (/dev/null, /dev/full) cannot be emptied, and needs not be.
            }

            return file;
        }

        return new FileStream(_path, FileMode.Create, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
    }

    /// <summary>A device such as /dev/null gets the bytes but no timing file beside it (there is no "beside" in /dev).</summary>
    private static bool IsDevice(string path) => !OperatingSystem.IsWindows() && Path.GetFullPath(path).StartsWith("/dev/", StringComparison.Ordinal);

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
