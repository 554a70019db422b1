using ReasonStream.Cli.Errors;

namespace ReasonStream.Cli.Interaction;

/// <summary>
/// The prompt, put together as `llm` does it: the files of <c>-f</c> (in order), then whatever was piped to stdin, then the
/// words of the command line, each part separated by a blank line — so <c>cat notes.md | reason "summarize"</c> sends the
/// notes, then the request. All of it together holds at most <see cref="MaxStdinCharacters"/>, so an endless input
/// (<c>yes | reason</c>) is a usage error, not a process that grows until the machine gives out.
/// </summary>
internal static class PromptReader
{
    /// <summary>The most a prompt may hold: 4 Mi characters (4,194,304), more than any model's context.</summary>
    public const int MaxStdinCharacters = 4 * 1024 * 1024;

    public static string Read(string[]? words, IReadOnlyList<string>? files = null)
    {
        var parts = new List<string>();
        int total = 0;
        foreach (string file in files ?? [])
        {
            Add(ReadFile(file, MaxStdinCharacters - total) ?? throw TooLong($"The prompt with {file}"));
        }

        if (Console.IsInputRedirected && !Output.StandardOutputs.InputClosed)
        {
            Add(ReadBounded(Console.In, MaxStdinCharacters - total) ?? throw TooLong("The prompt on stdin"));
        }

        Add(words is { Length: > 0 } ? string.Join(' ', words) : "");
        if (total + 2 * (parts.Count - 1) > MaxStdinCharacters) throw TooLong("The prompt");
        if (parts.Count == 0)
        {
            throw new CliException(ExitCodes.Usage, "No prompt given.",
                "pass it as an argument (reason \"Why is the sky blue?\"), on stdin (cat question.txt | reason) or as a file (-f question.txt); `reason chat` starts a session");
        }

        return string.Join("\n\n", parts);

        void Add(string text)
        {
            string part = text.Trim();
            if (part.Length == 0) return;
            parts.Add(part);
            total += part.Length;
        }
    }

    /// <summary>A file of <c>-f</c> as text, or null when it holds more than <paramref name="limit"/> characters.</summary>
    private static string? ReadFile(string path, int limit)
    {
        if (Directory.Exists(path)) throw new CliException(ExitCodes.Usage, $"{path} is a folder, not a file.", "pass -f a text file");
        if (!File.Exists(path)) throw new CliException(ExitCodes.Usage, $"No such file: {path}", "-f takes the path of a text file to send with the prompt");
        string? text;
        try
        {
            using var reader = new StreamReader(path, new System.Text.UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            text = ReadBounded(reader, Math.Max(0, limit));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Usage, $"Cannot read {path}: {e.Message}", null);
        }

        if (text is not null && text.Contains('\0', StringComparison.Ordinal))
        {
            throw new CliException(ExitCodes.Usage, $"{path} is not text (it holds NUL bytes).", "-f sends text files; a model reads no binary this way");
        }

        return text;
    }

    /// <summary>All of <paramref name="reader"/>, or null when it holds more than <paramref name="limit"/> characters.</summary>
    public static string? ReadBounded(TextReader reader, int limit)
    {
        var text = new System.Text.StringBuilder();
        char[] buffer = new char[64 * 1024];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (text.Length + read > limit) return null;
            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }

    /// <summary>One line of <paramref name="reader"/> (without its line break), null at the end, or throws past <paramref name="limit"/>.</summary>
    public static string? ReadLineBounded(TextReader reader, int limit)
    {
        var line = new System.Text.StringBuilder();
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (c == '\n') return line.ToString().TrimEnd('\r');
            if (line.Length == limit) throw TooLong("A line on stdin");
            line.Append((char)c);
        }

        return line.Length > 0 ? line.ToString() : null;
    }

    private static CliException TooLong(string what) => new(ExitCodes.Usage,
        $"{what} is longer than 4,194,304 characters (4 Mi), the most reason reads as one prompt.",
        "pass a shorter prompt (a file's relevant part, not an endless stream such as `yes`)");
}
