using Markdig;

namespace ReasonStream.Cli.Markdown;

/// <summary>
/// The CommonMark dialect answers are read in (Markdig): GitHub's pipe tables, strikethrough, task lists and autolinks,
/// and <c>$…$</c> / <c>$$…$$</c> math kept as it is written (so LaTeX stays readable rather than losing its underscores and
/// asterisks to emphasis).
/// </summary>
internal static class MarkdownSyntax
{
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .UseTaskLists()
        .UseAutoLinks()
        .UseMathematics()
        .Build();

    public static Markdig.Syntax.MarkdownDocument Parse(string text) => Markdig.Markdown.Parse(text, Pipeline);
}
