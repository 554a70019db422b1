using ReasonStream.Cli.Errors;

namespace ReasonStream.Cli.Interaction;

/// <summary>
/// The prompt: the arguments joined, or, with no arguments, everything on a redirected stdin — at most
/// <see cref="MaxStdinCharacters"/>, so an endless input (<c>yes | reason</c>) is a usage error, not a process that grows
/// until the machine gives out.
/// </summary>
internal static class PromptReader
{
    /// <summary>The most a prompt read from stdin may hold: 4 Mi characters (4,194,304), more than any model's context.</summary>
    public const int MaxStdinCharacters = 4 * 1024 * 1024;

    public static string Read(string[]? words)
    {
        string prompt = words is { Length: > 0 } ? string.Join(' ', words) : "";
        if (prompt.Length == 0 && Console.IsInputRedirected && !Output.StandardOutputs.InputClosed)
        {
            prompt = ReadBounded(Console.In, MaxStdinCharacters) ?? throw TooLong("The prompt on stdin");
        }

        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw new CliException(ExitCodes.Usage, "No prompt given.",
                "pass it as an argument (reason \"Why is the sky blue?\") or on stdin (cat question.txt | reason); `reason chat` starts a session");
        }

        return prompt.Trim();
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
