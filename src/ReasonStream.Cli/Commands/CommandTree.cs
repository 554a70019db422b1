using System.CommandLine;

namespace ReasonStream.Cli.Commands;

/// <summary>Every subcommand of `reason`, in the order `--help` lists them.</summary>
internal static class CommandTree
{
    public static void AddSubcommands(RootCommand root)
    {
        root.Add(ChatCommand.Create());
        root.Add(ProvidersCommand.Create());
        root.Add(LogsCommand.Create());
        root.Add(DemoCommand.Create());
        root.Add(ReplayCommand.Create());
        root.Add(ConfigCommand.Create());
    }
}
