using ReasonStream.Cli.Commands;

namespace ReasonStream.Cli.Tests.Rendering;

public sealed class UsageErrorsTests
{
    [Theory]
    [InlineData(new[] { "--no-color", "--max-tokens", "abc", "hi" }, true)]
    [InlineData(new[] { "logs", "show", "x", "--no-color" }, true)]
    [InlineData(new[] { "--max-tokens", "abc", "hi" }, false)]
    [InlineData(new[] { "--", "--no-color" }, false)] // after --, it is the prompt
    public void Parse_errors_honour_no_color_from_the_raw_arguments(string[] args, bool noColor) =>
        Assert.Equal(noColor, UsageErrors.NoColorRequested(args));
}
