using System.CommandLine;
using System.CommandLine.Parsing;
using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Interaction;
using ReasonStream.Cli.Output;
using ReasonStream.Cli.Rendering;

namespace ReasonStream.Cli.Commands;

/// <summary>
/// A prompt of one word that is a command name mistyped (`reason modles`) would become a paid request. On a terminal
/// `reason` asks first (run the command, or send the word); without one it refuses, saying how to send such a word anyway
/// (`reason -- modles`).
/// </summary>
internal static class CommandTypos
{
    /// <summary>The words, unless they are a lone mistyped command name and no one can be asked (then a usage error).</summary>
    public static string[]? Checked(ParseResult parse, string[]? words)
    {
        if (Suspect(parse, words) is not { } command || CanAsk()) return words;
        throw new CliException(ExitCodes.Usage, $"'{words![0]}' looks like the command `reason {command}` mistyped; nothing was sent.",
            $"run `reason {command}`, or to ask '{words[0]}' as a prompt, write `reason -- {words[0]}`");
    }

    /// <summary>
    /// For a lone mistyped command name on a terminal: asks, and returns the command's run when the answer is yes, or null to
    /// send the word as the prompt. Cancelling the question (Ctrl+C, anything but y/n) is a usage error: nothing is sent.
    /// </summary>
    public static Task<int>? Redirect(ParseResult parse, string[]? words)
    {
        if (Suspect(parse, words) is not { } command) return null;
        var stderr = ConsoleTarget.StandardError(noColor: false);
        stderr.Writer.Write($"'{TextSanitizer.OneLine(words![0])}' is not a command. Run `reason {command}`? [Y/n, n sends '{TextSanitizer.OneLine(words[0])}' as a prompt] ");
        stderr.Writer.Flush();
        char answer = AskKey();
        stderr.Writer.Write(answer is '\0' ? "\n" : answer + "\n");
        stderr.Writer.Flush();
        return answer switch
        {
            'y' or 'Y' or '\r' or '\n' => parse.RootCommandResult.Command.Parse([command]).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }),
            'n' or 'N' => null,
            _ => throw new CliException(ExitCodes.Usage, "Nothing was sent.", $"`reason {command}` runs the command; `reason -- {words[0]}` sends the word"),
        };
    }

    /// <summary>The command <paramref name="words"/> is a near miss of, when it is one word, not after <c>--</c>.</summary>
    internal static string? Suspect(ParseResult parse, string[]? words)
    {
        if (words is not [var word] || parse.Tokens.Any(t => t.Type == TokenType.DoubleDash)) return null;
        string lower = word.ToLowerInvariant();
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var command in parse.RootCommandResult.Command.Subcommands)
        {
            if (command.Hidden) continue;
            int distance = Distance(lower, command.Name);
            int allowed = command.Name.Length <= 4 ? 1 : 2;
            if (distance == 0) return null; // the command itself is never a prompt: the parser took it
            if (distance <= allowed && distance < bestDistance) (best, bestDistance) = (command.Name, distance);
        }

        return best;
    }

    private static bool CanAsk() => RawTerminal.IsTerminal() && !Console.IsErrorRedirected;

    private static char AskKey()
    {
        using var raw = RawTerminal.Enter();
        if (raw is null) return '\0';
        Span<byte> key = stackalloc byte[16];
        int read = NativeIo.ReadSome(0, key);
        return read > 0 && key[0] < 0x80 ? (char)key[0] : '\0';
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours each count one.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
    }
}
