using System.Text;

namespace ReasonStream.Cli.Interaction;

/// <summary>Where `reason chat` reads its prompts: the line editor on a terminal, else stdin line by line.</summary>
internal abstract class PromptSource
{
    /// <summary>The next prompt, Ctrl+C at an empty prompt, or the end.</summary>
    public abstract EditResult Next();

    /// <summary>The terminal's own editor, with the history kept across sessions.</summary>
    public sealed class Editor(LineEditor editor) : PromptSource
    {
        public override EditResult Next() => editor.ReadLine();

        /// <summary>Keeps a sent line (commands too) for Up/Down and Ctrl+R, in this session and the next.</summary>
        public void Remember(string line) => editor.Remember(line);
    }

    /// <summary>
    /// A redirected stdin (a file of prompts, a pipe): one prompt a line, each bounded; a line of <c>"""</c> opens a prompt
    /// of several lines, closed by the next such line.
    /// </summary>
    public sealed class Piped(TextReader input) : PromptSource
    {
        public override EditResult Next()
        {
            if (Output.StandardOutputs.InputClosed) return new EditResult(EditOutcome.End);
            string? line = PromptReader.ReadLineBounded(input, PromptReader.MaxStdinCharacters);
            if (line is null) return new EditResult(EditOutcome.End);
            if (line.Trim() != "\"\"\"") return new EditResult(EditOutcome.Line, line);
            var block = new StringBuilder();
            while (PromptReader.ReadLineBounded(input, PromptReader.MaxStdinCharacters) is { } next && next.Trim() != "\"\"\"")
            {
                if (block.Length > 0) block.Append('\n');
                block.Append(next);
            }

            return new EditResult(EditOutcome.Line, block.ToString());
        }
    }
}
