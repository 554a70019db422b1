using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace ReasonStream.Cli.Commands;

/// <summary>Adds an "Examples:" section to the `--help` of every command.</summary>
internal static class HelpExamples
{
    private static readonly Dictionary<string, string[]> ByCommand = new(StringComparer.Ordinal)
    {
        ["reason"] =
        [
            "reason \"Explain the reasoning behind Fermat's Last Theorem.\"",
            "cat question.txt | reason -s \"Answer in one paragraph.\"",
            "reason -m deepseek-v4-pro --effort high --stats \"Is 2^61-1 prime?\"",
            "reason \"What is 17*23?\" > answer.txt          # thinking on screen, answer in the file",
            "reason --json \"Hi\" | jq -r 'select(.type==\"answer\").text'",
            "cat notes.md | reason \"Summarize these notes.\"      # the piped text, then the prompt",
            "reason -f report.md -f data.csv \"What stands out?\"",
            "reason --collapse-reasoning \"...\"               # the thinking folds into one line",
            "reason -c \"And why does that matter?\"          # continue the last conversation",
            "reason --provider openrouter -m deepseek/deepseek-v4-pro \"Hello\"",
            "reason --base-url http://localhost:8000/v1 -m Qwen/Qwen3-8B \"Hello\"",
            "reason --record fermat.sse \"...\" && reason replay fermat.sse",
            "reason demo                                    # no key, no network",
        ],
        ["chat"] = ["reason chat", "reason chat -m deepseek-v4-pro -s \"Be brief.\"", "reason chat --cid 3f9a1c2e   # resume a logged conversation", "reason chat < prompts.txt    # one prompt a line"],
        ["models"] = ["reason models", "reason models --provider anthropic --reasoning", "reason models --provider ollama --api ollama --json"],
        ["providers"] = ["reason providers", "reason providers --json"],
        ["logs"] = ["reason logs", "reason logs -n 50", "reason logs -q \"fermat theorem\"", "reason logs --cid 3f9a1c2e", "reason logs --json | jq '.[0].answer'", "reason logs show 12", "reason logs rm 12"],
        ["rm"] = ["reason logs rm 12", "reason logs rm --cid 3f9a1c2e"],
        ["show"] = ["reason logs show 12", "reason logs show 12 --json"],
        ["demo"] = ["reason demo", "reason demo --speed 3", "reason demo --fast"],
        ["replay"] = ["reason replay fermat.sse", "reason replay capture.chunks.jsonl --speed 4", "reason replay ollama-native.ndjson", "reason replay fermat.sse --json"],
        ["config"] = ["reason config", "reason config --json"],
    };

    public static void Install(RootCommand root)
    {
        foreach (var option in root.Options)
        {
            if (option is not HelpOption { Action: { } standard } help) continue;
            // Its default width is Console.WindowWidth, which writes keypad-mode escape codes to a terminal.
            if (standard is HelpAction action) action.MaxWidth = Rendering.ConsoleTarget.StandardOutputWidth();
            help.Action = new WithExamples(standard);
        }
    }

    /// <summary>The standard help, then the command's examples.</summary>
    private sealed class WithExamples(CommandLineAction standard) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            int code = standard is SynchronousCommandLineAction sync ? sync.Invoke(parseResult) : 0;
            var output = parseResult.InvocationConfiguration.Output;
            if (ByCommand.TryGetValue(parseResult.CommandResult.Command.Name, out var examples))
            {
                output.WriteLine("Examples:");
                foreach (string example in examples) output.WriteLine("  " + example);
                output.WriteLine();
            }

            return code;
        }
    }
}
