namespace ReasonStream.Tests.Testing;

/// <summary>The recorded provider streams in ../shared/captures next to the repository root.</summary>
internal static class Captures
{
    private static readonly Lazy<string> LazyDirectory = new(Locate);

    public static string Directory => LazyDirectory.Value;

    public static string PathOf(string fileName) => Path.Combine(Directory, fileName);

    public static TheoryData<string> FilesEndingWith(string suffix)
    {
        var data = new TheoryData<string>();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*" + suffix).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReasonStream.slnx")))
            {
                var captures = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "captures"));
                return System.IO.Directory.Exists(captures)
                    ? captures
                    : throw new DirectoryNotFoundException($"The captures folder '{captures}' (../shared/captures from the repository root) is missing.");
            }
        }

        throw new DirectoryNotFoundException($"No ReasonStream.slnx above {AppContext.BaseDirectory}.");
    }
}
