namespace ReasonStream.Cli.Output;

/// <summary>
/// Whether a path a user gives (<c>--record /dev/stdout</c>) is really stdout or stderr. Opening such a path makes a new
/// file description with its own offset, whose writes would overwrite the stream's own text in a redirected file; the
/// stream's writer must be used instead.
/// </summary>
internal static class StandardStreamPath
{
    /// <summary>The writer of the standard stream <paramref name="path"/> leads to, or null when it is another file.</summary>
    public static OutputChannel? ChannelFor(string path)
    {
        if (OperatingSystem.IsWindows()) return null;
        if (path is "/dev/stdout" or "/dev/fd/1" or "/proc/self/fd/1") return StandardOutputs.Out;
        if (path is "/dev/stderr" or "/dev/fd/2" or "/proc/self/fd/2") return StandardOutputs.Error;
        if (!OperatingSystem.IsLinux()) return null;

        // The same file under another name (reason --record out.txt > out.txt): compare what each name finally leads to.
        string? target = FinalTarget(path);
        if (target is null) return null;
        if (target == FinalTarget("/proc/self/fd/1")) return StandardOutputs.Out;
        if (target == FinalTarget("/proc/self/fd/2")) return StandardOutputs.Error;
        return null;
    }

    private static string? FinalTarget(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is null) return info.Exists ? info.FullName : null;
            return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
