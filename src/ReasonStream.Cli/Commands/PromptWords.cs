using System.CommandLine;
using System.CommandLine.Parsing;
using ReasonStream.Cli.Errors;

namespace ReasonStream.Cli.Commands;

/// <summary>
/// The prompt takes every word the parser did not match, so a mistyped option would silently become part of
/// the question. A word that looks like an option is an error unless it follows <c>--</c>.
/// </summary>
internal static class PromptWords
{
    public static string[]? Checked(ParseResult parse, string[]? words)
    {
        if (words is null || parse.Tokens.Any(t => t.Type == TokenType.DoubleDash)) return words;
        foreach (string word in words)
        {
            if (word.Length > 1 && word[0] == '-' && (char.IsLetter(word[1]) || (word[1] == '-' && word.Length > 2)))
            {
                throw new CliException(ExitCodes.Usage, $"Unknown option '{word}'.",
                    "`reason --help` lists the options; put -- before a prompt that starts with a dash");
            }
        }

        return words;
    }
}
