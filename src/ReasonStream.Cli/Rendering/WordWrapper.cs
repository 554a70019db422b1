using System.Globalization;
using System.Text;
using ReasonStream.Cli.Terminal;

namespace ReasonStream.Cli.Rendering;

/// <summary>
/// Wraps streamed text at word boundaries for a terminal: when the next word of a delta would not fit on the
/// current row, the space before it becomes a line break; when a delta continues a word that no longer fits,
/// the word's printed part is erased and written again on the next row. Only what is shown on a terminal is
/// wrapped; files and pipes get the text exactly. Without <c>canMoveCursor</c> (a terminal without
/// colour: no escape codes at all) a word already printed is never moved, only the breaks between words are placed.
/// </summary>
internal static class WordWrapper
{
    public static string Wrap(string text, CursorTracker cursor, int width, bool canMoveCursor = true)
    {
        var output = new StringBuilder(text.Length + 8);
        int column = cursor.Column;
        int i = 0;
        string partial = cursor.Word;
        if (text.Length > 0 && text[0] is not (' ' or '\n') && partial.Length > 0 && canMoveCursor)
        {
            // This delta continues a word already on screen ("posit" + "ive"): if the whole word no longer fits,
            // erase the printed part and write it again on the next row, so no word is cut at the edge.
            int continuationEnd = 0;
            while (continuationEnd < text.Length && text[continuationEnd] is not (' ' or '\n')) continuationEnd++;
            int partialWidth = Cells(partial);
            int continuationWidth = Cells(text.AsSpan(0, continuationEnd));
            if (column + continuationWidth > width && partialWidth + continuationWidth < width && partialWidth < column)
            {
                output.Append(Ansi.Left(partialWidth)).Append(Ansi.ClearToEndOfLine).Append('\n').Append(partial);
                column = partialWidth;
            }
        }
        else if (text.Length > 0 && text[0] is not (' ' or '\n') && cursor.AfterSpace && column > 0)
        {
            // The previous delta ended with a space: this delta's first word may not fit on the row.
            int firstEnd = 0;
            while (firstEnd < text.Length && text[firstEnd] is not (' ' or '\n')) firstEnd++;
            int firstWidth = Cells(text.AsSpan(0, firstEnd));
            if (firstWidth < width && column + firstWidth > width)
            {
                output.Append('\n');
                column = 0;
            }
        }

        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\n')
            {
                output.Append(c);
                column = 0;
                i++;
                continue;
            }

            if (c == ' ')
            {
                int wordEnd = i + 1;
                while (wordEnd < text.Length && text[wordEnd] is not (' ' or '\n')) wordEnd++;
                int wordWidth = Cells(text.AsSpan(i + 1, wordEnd - i - 1));
                if (column > 0 && wordWidth > 0 && wordWidth < width && column + 1 + wordWidth > width)
                {
                    output.Append('\n');
                    column = 0;
                }
                else
                {
                    output.Append(' ');
                    column = column + 1 > width ? 1 : column + 1;
                }

                i++;
                continue;
            }

            int end = i;
            while (end < text.Length && text[end] is not (' ' or '\n')) end++;
            var word = text.AsSpan(i, end - i);
            output.Append(word);
            column = (column + Cells(word)) % (width + 1);
            i = end;
        }

        return output.ToString();
    }

    private static int Cells(ReadOnlySpan<char> word)
    {
        int cells = 0;
        var enumerator = StringInfo.GetTextElementEnumerator(word.ToString());
        while (enumerator.MoveNext())
        {
            string element = enumerator.GetTextElement();
            cells += element == "\t" ? 8 : CursorTracker.CellWidth(element);
        }

        return cells;
    }
}
