using System.CommandLine;

namespace ReasonStream.Cli.Commands;

/// <summary>`--dialect`: how the server spells reasoning, when the preset's guess is not right.</summary>
internal static class DialectOption
{
    private static readonly (string Name, ReasoningDialect Dialect)[] Choices =
    [
        ("auto", ReasoningDialect.Auto),
        ("think-tags", ReasoningDialect.ThinkTags),
        ("think-tags-open", ReasoningDialect.ThinkTagsOpen),
        ("none", ReasoningDialect.None),
    ];

    public static Option<string?> Create()
    {
        var option = new Option<string?>("--dialect")
        {
            Description = "How a chat-completions server spells reasoning (default: the provider's; auto reads reasoning_content, reasoning, reasoning_details and a leading <think>). think-tags: tags anywhere; think-tags-open: the stream starts inside <think> (a template that opens the tag in the prompt)",
            HelpName = "auto|think-tags|think-tags-open|none",
        };
        option.AcceptOnlyFromAmong([.. Choices.Select(c => c.Name)]);
        return option;
    }

    public static ReasoningDialect? Read(string? name)
    {
        foreach (var (choice, dialect) in Choices)
        {
            if (string.Equals(choice, name, StringComparison.OrdinalIgnoreCase)) return dialect;
        }

        return null;
    }
}
