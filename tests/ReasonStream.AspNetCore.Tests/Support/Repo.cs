namespace ReasonStream.AspNetCore.Tests.Support;

/// <summary>Where things are: the repository root and the shared captures beside it.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Captures => Path.GetFullPath(Path.Combine(Root, "..", "shared", "captures"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReasonStream.slnx"))) return dir.FullName;
        }

        throw new InvalidOperationException("No ReasonStream.slnx above " + AppContext.BaseDirectory);
    }

    /// <summary>The full path of a program on PATH, or null.</summary>
    public static string? FindProgram(string name, params string[] alsoTry)
    {
        foreach (var candidate in alsoTry.Where(File.Exists)) return candidate;
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path)) return path;
        }

        return null;
    }
}
