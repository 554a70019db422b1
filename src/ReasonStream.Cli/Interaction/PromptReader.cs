using ReasonStream.Cli.Errors;

namespace ReasonStream.Cli.Interaction;

/// <summary>The prompt: the arguments joined, or, with no arguments, everything on a redirected stdin.</summary>
internal static class PromptReader
{
    public static string Read(string[]? words)
    {
        string prompt = words is { Length: > 0 } ? string.Join(' ', words) : "";
        if (prompt.Length == 0 && Console.IsInputRedirected)
        {
            prompt = Console.In.ReadToEnd();
        }

        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw new CliException(ExitCodes.Usage, "No prompt given.",
                "pass it as an argument (reason \"Why is the sky blue?\") or on stdin (cat question.txt | reason); `reason chat` starts a session");
        }

        return prompt.Trim();
    }
}
