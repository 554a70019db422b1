using System.CommandLine;

namespace ReasonStream.Cli.Commands;

/// <summary>`--api`: the wire protocol, when not the provider's default (`reason providers` lists what each speaks).</summary>
internal static class ApiOption
{
    public static Option<string?> Create(string description)
    {
        var option = new Option<string?>("--api")
        {
            Description = description,
            HelpName = string.Join('|', WireProtocols.All.Select(WireProtocols.NameOf)),
        };
        option.AcceptOnlyFromAmong([.. WireProtocols.All.Select(WireProtocols.NameOf)]);
        return option;
    }

    public static WireProtocol? Read(string? name) => WireProtocols.TryParse(name, out var protocol) ? protocol : null;
}
