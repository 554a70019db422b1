using Spectre.Console;

namespace ReasonStream.Cli.Rendering;

/// <summary>
/// Tables: drawn by Spectre.Console on a colour terminal; plain aligned columns (no padding to a screen width, no
/// escape codes) otherwise, so they read well in files and through grep. (Without colour Spectre.Console falls back
/// to setting <see cref="Console.ForegroundColor"/>, which writes escape codes to a terminal.)
/// </summary>
internal static class TableWriter
{
    public static void Write(ConsoleTarget target, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        // On a terminal no cell may carry control characters (logged prompts and answers are model/user text).
        var all = target.IsTerminal
            ? rows.Select(r => (IReadOnlyList<string>)[.. r.Select(TextSanitizer.ForTerminal)]).ToList()
            : rows.ToList();
        if (target.Color)
        {
            var table = new Table().Border(TableBorder.Simple);
            foreach (string header in headers) table.AddColumn(new TableColumn(Markup.Escape(header)));
            foreach (var row in all) table.AddRow(row.Select(Markup.Escape).ToArray());
            SpectreOutput.For(target).Write(table);
        }
        else
        {
            int[] widths = headers.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => r[i].Length))).ToArray();
            WriteRow(target.Writer, headers, widths);
            foreach (var row in all) WriteRow(target.Writer, row, widths);
        }

        target.Writer.Flush();
    }

    private static void WriteRow(TextWriter writer, IReadOnlyList<string> cells, int[] widths)
    {
        var padded = cells.Select((cell, i) => i == cells.Count - 1 ? cell : cell.PadRight(widths[i]));
        writer.Write(string.Join("  ", padded).TrimEnd());
        writer.Write('\n');
    }
}
