using System.Text.RegularExpressions;

namespace ReasonStream.Cli.Demo;

/// <summary>Cuts text into token-sized pieces (a word with its leading space, a punctuation mark), as a model streams them.</summary>
internal static partial class Tokenizer
{
    public static IReadOnlyList<string> Split(string text)
    {
        var pieces = new List<string>();
        foreach (Match match in Piece().Matches(text))
        {
            string piece = match.Value;
            // Long words come in more than one token.
            while (piece.Length > 8)
            {
                pieces.Add(piece[..6]);
                piece = piece[6..];
            }

            pieces.Add(piece);
        }

        return pieces;
    }

    [GeneratedRegex(@"\s*[\p{L}\p{N}'’]+|\s*[^\p{L}\p{N}\s]|\s+")]
    private static partial Regex Piece();
}
