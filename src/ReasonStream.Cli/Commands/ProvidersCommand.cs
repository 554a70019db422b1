using System.CommandLine;
using System.Text.Json;
using ReasonStream.Cli.Json;
using ReasonStream.Cli.Rendering;

namespace ReasonStream.Cli.Commands;

/// <summary>`reason providers`: the built-in presets.</summary>
internal static class ProvidersCommand
{
    public static Command Create()
    {
        var command = new Command("providers", "List the provider presets: name, protocol, base URL, key variable, default model");
        var json = new Option<bool>("--json") { Description = "As a JSON array" };
        var noColor = new Option<bool>("--no-color") { Description = "Plain text" };
        command.Add(json);
        command.Add(noColor);
        command.SetAction(parse => CommandGuard.Run(() => Run(parse.GetValue(json), parse.GetValue(noColor)), parse.GetValue(noColor)));
        return command;
    }

    private static int Run(bool json, bool noColor)
    {
        var rows = Providers.All.Select(p => new ProviderJson(
            p.Name, p.DisplayName, WireProtocols.NameOf(p.Protocol), p.BaseUrl,
            p.Protocols.ToDictionary(WireProtocols.NameOf, protocol => p.BaseUrlFor(protocol)!),
            p.ApiKeyVariable, [.. p.ApiKeyVariables], p.DefaultModel, p.Dialect.ToString(), p.HistoryRule.ToString(),
            p.SupportsThinkingSwitch, p.RetiredModels.Count == 0 ? null : new Dictionary<string, string>(p.RetiredModels))).ToList();
        var stdout = ConsoleTarget.StandardOutput(noColor);
        if (json)
        {
            stdout.Writer.WriteLine(JsonSerializer.Serialize(rows, CliJsonContext.Readable.ListProviderJson));
            stdout.Writer.Flush();
            return 0;
        }

        TableWriter.Write(stdout, ["name", "protocol", "also", "base URL", "key variable", "default model"],
            rows.Select(r => (IReadOnlyList<string>)[r.Name, r.Protocol, string.Join(",", r.Protocols.Keys.Where(k => k != r.Protocol)), r.BaseUrl, r.ApiKeyVariable ?? "(none)", r.DefaultModel]));
        return 0;
    }
}
