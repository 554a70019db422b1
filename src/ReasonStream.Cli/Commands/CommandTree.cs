using System.CommandLine;

namespace ReasonStream.Cli.Commands;

/// <summary>`reason` and every subcommand, in the order `--help` lists them.</summary>
internal static class CommandTree
{
    public static RootCommand Build(RunReport report)
    {
        var root = AskCommand.Create(report);
        root.Add(ChatCommand.Create(report));
        root.Add(ModelsCommand.Create());
        root.Add(ProvidersCommand.Create());
        root.Add(LogsCommand.Create());
        root.Add(DemoCommand.Create());
        root.Add(ReplayCommand.Create());
        root.Add(ConfigCommand.Create());
        HelpExamples.Install(root);
        return root;
    }
}
