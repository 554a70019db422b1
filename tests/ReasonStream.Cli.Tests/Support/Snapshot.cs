using System.Runtime.CompilerServices;

namespace ReasonStream.Cli.Tests.Support;

/// <summary>
/// Verified files: what a renderer wrote (or a terminal showed) is compared with <c>Snapshots/NAME.verified.txt</c> beside the
/// test's source file, checked in. Escape characters are written as ␛ so a snapshot reads (and diffs) as text. A difference
/// fails the test and leaves <c>NAME.received.txt</c> to compare; <c>REASON_ACCEPT_SNAPSHOTS=1</c> accepts it as the new
/// verified file (review the diff before committing it).
/// </summary>
public static class Snapshot
{
    public static void Verify(string actual, string? suffix = null, [CallerFilePath] string sourceFile = "", [CallerMemberName] string test = "")
    {
        string folder = Path.Combine(Path.GetDirectoryName(sourceFile)!, "Snapshots");
        string name = Path.GetFileNameWithoutExtension(sourceFile) + "." + test + (suffix is null ? "" : "." + suffix);
        string verified = Path.Combine(folder, name + ".verified.txt");
        string received = Path.Combine(folder, name + ".received.txt");
        string shown = Visible(actual);
        if (File.Exists(verified) && File.ReadAllText(verified) == shown)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }

        Directory.CreateDirectory(folder);
        if (Environment.GetEnvironmentVariable("REASON_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, shown);
            return;
        }

        File.WriteAllText(received, shown);
        Assert.Fail(File.Exists(verified)
            ? $"The output differs from {verified}; it is in {received}. If the change is right, run with REASON_ACCEPT_SNAPSHOTS=1.\n--- received ---\n{shown}"
            : $"No verified snapshot {verified} yet; the output is in {received} (REASON_ACCEPT_SNAPSHOTS=1 accepts it).\n--- received ---\n{shown}");
    }

    /// <summary>Escape characters as ␛, so control sequences stay visible in the file.</summary>
    public static string Visible(string text) => text.Replace("\u001b", "␛", StringComparison.Ordinal);
}
