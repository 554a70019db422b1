using System.CommandLine;

namespace ReasonStream.Cli.Commands;

internal static class DemoCommand
{
    public static Command Create() => new("demo", "Watch a scripted DeepSeek-format stream replayed on 127.0.0.1 (no network, no key)");
}
