using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ReasonStream.Cli.Configuration;
using ReasonStream.Cli.Errors;
using ReasonStream.Cli.Interaction;
using ReasonStream.Cli.Json;
using ReasonStream.Cli.Rendering;
using ReasonStream.Cli.Streaming;

namespace ReasonStream.Cli.Commands;

/// <summary>
/// `reason models`: the models the provider serves, from its own list in its own protocol (the library's
/// <see cref="ReasoningClient.ListModelsAsync"/>), with the reasoning ones marked where the provider says so.
/// </summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "List the models the provider serves, marking those it says can reason (its own list: /models, Anthropic's /v1/models, Gemini's models, Ollama's /api/tags)");
        var options = new RequestOptions();
        var json = new Option<bool>("--json") { Description = "As a JSON array: id, display_name, reasoning (true, false, or null where the provider does not say), created" };
        var reasoningOnly = new Option<bool>("--reasoning") { Description = "Only the models the provider marks as reasoning" };
        foreach (var option in new Option[] { options.Provider, options.BaseUrl, options.Api, options.ApiKeyEnv, options.Timeout, json, reasoningOnly, options.NoColor }) command.Add(option);
        command.SetAction((parse, _) => CommandGuard.RunAsync(
            signals => RunAsync(options.ReadRequest(parse), parse.GetValue(json), parse.GetValue(reasoningOnly), parse.GetValue(options.NoColor), signals),
            parse.GetValue(options.NoColor)));
        return command;
    }

    private static async Task<int> RunAsync(RequestSettings requested, bool json, bool reasoningOnly, bool noColor, TerminationSignals signals)
    {
        var paths = AppPaths.FromEnvironment();
        var config = ConfigLoader.Load(paths);
        var settings = SettingsValidator.Complete(requested, config, paths.ConfigFile) with { Retries = 0 };
        var endpoint = EndpointResolver.Resolve(settings, config);
        var stdout = ConsoleTarget.StandardOutput(noColor);
        var stderr = ConsoleTarget.StandardError(noColor);
        using var lease = ClientFactory.Create(endpoint, settings);

        IReadOnlyList<ModelInfo> models;
        try
        {
            models = await lease.Client.ListModelsAsync(signals.Token);
        }
        catch (ReasonStreamException e)
        {
            var report = ErrorDescriber.Describe(e, new ErrorContext("", endpoint.ProviderName, UrlDisplay.WithoutSecrets(endpoint.BaseUrl), endpoint.ApiKeyVariable, endpoint.Protocol));
            new MessagePrinter(stderr).Error(report);
            return report.ExitCode;
        }

        var shown = models.Where(m => !reasoningOnly || m.SupportsReasoning == true).OrderBy(m => m.Id, StringComparer.Ordinal).ToList();
        if (json)
        {
            var rows = shown.Select(m => new ModelJson(m.Id, m.DisplayName, m.SupportsReasoning, m.CreatedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ToList();
            stdout.Writer.WriteLine(JsonSerializer.Serialize(rows, CliJsonContext.Readable.ListModelJson));
            stdout.Writer.Flush();
            return ExitCodes.Ok;
        }

        if (shown.Count == 0)
        {
            stdout.Writer.WriteLine(reasoningOnly ? "The provider marks none of its models as reasoning." : "The provider lists no models.");
            stdout.Writer.Flush();
            return ExitCodes.Ok;
        }

        bool marked = models.Any(m => m.SupportsReasoning is not null);
        TableWriter.Write(stdout, ["model", "reasoning", "name"], shown.Select(m => (IReadOnlyList<string>)[
            m.Id,
            m.SupportsReasoning switch { true => "yes", false => "no", null => "?" },
            m.DisplayName ?? ""]));
        if (!marked)
        {
            new MessagePrinter(stderr).Note($"{endpoint.Preset.DisplayName}'s list does not say which models reason (?); any model that sends reasoning shows it.");
        }

        return ExitCodes.Ok;
    }
}
