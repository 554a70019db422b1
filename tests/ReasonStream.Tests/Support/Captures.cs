using System.Text;

namespace ReasonStream.Tests.Support;

/// <summary>The real provider streams recorded in ../shared/captures, read where they are (never copied).</summary>
public static class Captures
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Folder => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "captures"));

    public static bool Available => Directory.Exists(Folder);

    public static string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>The body bytes as served: .sse as is; .chunks.jsonl framed as data events plus [DONE].</summary>
    public static byte[] Body(string name)
    {
        string path = PathOf(name);
        if (name.EndsWith(".chunks.jsonl", StringComparison.Ordinal))
        {
            var builder = new StringBuilder();
            foreach (var line in File.ReadAllLines(path))
            {
                if (line.Trim().Length == 0) continue;
                builder.Append("data: ").Append(line).Append("\n\n");
            }

            builder.Append("data: [DONE]\n\n");
            return Encoding.UTF8.GetBytes(builder.ToString());
        }

        return File.ReadAllBytes(path);
    }

    /// <summary>The protocol a capture speaks, from its name (the captures' README names each file's API).</summary>
    public static WireProtocol ProtocolOf(string name) =>
        name.StartsWith("anthropic-", StringComparison.Ordinal) ? WireProtocol.AnthropicMessages
        : name.Contains("responses-", StringComparison.Ordinal) ? WireProtocol.Responses
        : name.StartsWith("gemini-native-", StringComparison.Ordinal) ? WireProtocol.GeminiGenerateContent
        : name.StartsWith("ollama-native-", StringComparison.Ordinal) ? WireProtocol.OllamaChat
        : WireProtocol.ChatCompletions;

    /// <summary>A client reading <paramref name="name"/> with its protocol, from memory, in reads of the given sizes.</summary>
    public static ReasoningClient Client(string name, Func<int, int>? readSize = null, ReasoningDialect? dialect = null) =>
        InMemoryHandler.Client(Body(name), readSize, dialect, ProtocolOf(name));

    public static IEnumerable<string> Names(params string[] patterns) =>
        Available
            ? patterns.SelectMany(p => Directory.GetFiles(Folder, p)).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)
            : [];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReasonStream.slnx"))) return dir.FullName;
        }

        throw new InvalidOperationException("Could not find the repository root (ReasonStream.slnx) above " + AppContext.BaseDirectory);
    }
}
