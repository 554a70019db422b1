namespace ReasonStream.Cli.Tests.Support;

/// <summary>Where things are: the repository root, the shared captures, and the built CLI.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Captures => Path.GetFullPath(Path.Combine(Root, "..", "shared", "captures"));

    public static string Capture(string name) => Path.Combine(Captures, name);

    /// <summary>The CLI's reason.dll from its own build output, same configuration as the tests when possible.</summary>
    public static string CliDll { get; } = FindCli();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReasonStream.slnx"))) return dir.FullName;
        }

        throw new InvalidOperationException("No ReasonStream.slnx above " + AppContext.BaseDirectory);
    }

    private static string FindCli()
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Parent?.Name ?? "Debug";
        string bin = Path.Combine(Root, "src", "ReasonStream.Cli", "bin");
        string[] candidates =
        [
            Path.Combine(bin, configuration, "net10.0", "reason.dll"),
            Path.Combine(bin, "Debug", "net10.0", "reason.dll"),
            Path.Combine(bin, "Release", "net10.0", "reason.dll"),
            Path.Combine(AppContext.BaseDirectory, "reason.dll"),
        ];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("reason.dll not built; looked in: " + string.Join(", ", candidates));
    }
}
