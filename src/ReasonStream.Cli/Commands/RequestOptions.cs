using System.CommandLine;
using System.Globalization;
using ReasonStream.Cli.Configuration;

namespace ReasonStream.Cli.Commands;

/// <summary>The options that say where a request goes and how it is shown; shared by `reason` and `reason chat`.</summary>
internal sealed class RequestOptions
{
    private static readonly string TimeoutRange =
        $"between {SettingsValidator.MinTimeoutSeconds.ToString(CultureInfo.InvariantCulture)} and {SettingsValidator.MaxTimeoutSeconds.ToString(CultureInfo.InvariantCulture)} seconds (a day)";

    public Option<string?> Model { get; } = new("--model", "-m") { Description = "The model, any name the provider knows (default: config file, else the provider's default, deepseek-flash for DeepSeek; `reason models` lists them)", HelpName = "NAME" };
    public Option<string?> Provider { get; } = new("--provider") { Description = "A provider preset: protocol, base URL, key variable and reasoning dialect (see `reason providers`)", HelpName = "NAME" };
    public Option<string?> BaseUrl { get; } = new("--base-url") { Description = "Any endpoint's base URL, e.g. http://localhost:8000/v1 (chat completions unless --api says otherwise)", HelpName = "URL" };
    public Option<string?> Api { get; } = ApiOption.Create("The wire protocol: chat completions, the Responses API, Anthropic Messages, Gemini, Ollama native (default: the provider's; see `reason providers`)");
    public Option<string?> ApiKeyEnv { get; } = new("--api-key-env") { Description = "Read the API key from this environment variable instead of the preset's", HelpName = "NAME" };
    public Option<string?> System { get; } = new("--system", "-s") { Description = "A system prompt", HelpName = "TEXT" };

    public Option<int?> MaxTokens { get; } = new Option<int?>("--max-tokens") { Description = "Upper bound of generated tokens, reasoning included", HelpName = "N", CustomParser = NumberParsers.WholeNumber }
        .Require(n => n > 0, "--max-tokens must be a positive number of tokens, not {0}.");

    public Option<double?> Temperature { get; } = new Option<double?>("--temperature") { Description = "Sampling temperature, 0 to 2 (thinking models often ignore it)", HelpName = "T", CustomParser = NumberParsers.Decimal }
        .Require(t => t is >= 0 and <= 2, "--temperature must be between 0 and 2, not {0}.");

    public Option<string?> Effort { get; } = new("--effort") { Description = "Reasoning effort, e.g. low, medium, high, max (provider-dependent)", HelpName = "LEVEL" };

    public Option<double?> Timeout { get; } = new Option<double?>("--timeout") { Description = "Seconds to wait for the first token, and the longest silence between tokens, before giving up (default 600 and 120; 0.001 to 86400)", HelpName = "SECONDS", CustomParser = NumberParsers.Decimal }
        .Require(SettingsValidator.IsValidTimeout, "--timeout must be " + TimeoutRange + ", not {0}.");

    public Option<int?> Retries { get; } = new Option<int?>("--retries") { Description = "Retries on connection failure, 408, 409, 425, 429 and 5xx before any output (default 3, at most 10)", HelpName = "N", CustomParser = NumberParsers.WholeNumber }
        .Require(n => n is >= 0 and <= 10, "--retries must be between 0 and 10, not {0}.");

    public Option<string?> Dialect { get; } = DialectOption.Create();
    public Option<bool> HideReasoning { get; } = new("--hide-reasoning") { Description = "Show nothing of the reasoning, not even how long it took (a terminal still shows a waiting timer)" };
    public Option<bool> CollapseReasoning { get; } = new("--collapse-reasoning") { Description = "On a terminal, fold the reasoning into one line once the answer starts (\"Thought for 12.4 s · 1,840 words · reason logs show 42\")" };
    public Option<bool> ShowReasoning { get; } = new("--show-reasoning") { Description = "Show the reasoning even when the config file says hide or collapse" };
    public Option<bool> Raw { get; } = new("--raw", "--no-markdown") { Description = "Print the answer exactly as the model wrote it, even on a terminal (no markdown rendering)" };
    public Option<bool> Stats { get; } = new("--stats") { Description = "Show timings, tokens/s and token usage on stderr at the end" };
    public Option<bool> NoLog { get; } = new("--no-log") { Description = "Do not write this exchange to the log database" };
    public Option<bool> NoColor { get; } = new("--no-color") { Description = "Plain text, no escape codes (also: NO_COLOR=1, or redirect the output)" };

    public void AddTo(Command command)
    {
        foreach (var option in All()) command.Add(option);
    }

    public RequestSettings ReadRequest(ParseResult parse, string? recordPath = null) => new()
    {
        Model = Blank(parse.GetValue(Model)),
        Provider = Blank(parse.GetValue(Provider)),
        BaseUrl = Blank(parse.GetValue(BaseUrl)),
        Api = ApiOption.Read(parse.GetValue(Api)),
        ApiKeyEnv = Blank(parse.GetValue(ApiKeyEnv)),
        System = Blank(parse.GetValue(System)),
        MaxTokens = parse.GetValue(MaxTokens),
        Temperature = parse.GetValue(Temperature),
        Effort = Blank(parse.GetValue(Effort)),
        TimeoutSeconds = parse.GetValue(Timeout),
        Retries = parse.GetValue(Retries),
        Dialect = DialectOption.Read(parse.GetValue(Dialect)),
        RecordPath = recordPath,
    };

    /// <summary>The display the command line asks for; <see cref="SettingsValidator.Complete(OutputSettings, bool, bool, CliConfig, string)"/> adds the config file's defaults.</summary>
    public (OutputSettings Output, bool ReasoningGiven, bool MarkdownGiven) ReadOutput(ParseResult parse, bool json = false)
    {
        bool hide = parse.GetValue(HideReasoning), collapse = parse.GetValue(CollapseReasoning), show = parse.GetValue(ShowReasoning);
        var output = new OutputSettings
        {
            Reasoning = hide ? ReasoningView.Hide : collapse ? ReasoningView.Collapse : ReasoningView.Show,
            Stats = parse.GetValue(Stats),
            Json = json,
            NoColor = parse.GetValue(NoColor),
            Markdown = !parse.GetValue(Raw),
        };
        return (output, hide || collapse || show, parse.GetValue(Raw));
    }

    public bool ReadNoLog(ParseResult parse) => parse.GetValue(NoLog);

    private IEnumerable<Option> All() =>
        [Model, Provider, BaseUrl, Api, ApiKeyEnv, System, MaxTokens, Temperature, Effort, Timeout, Retries, Dialect,
            HideReasoning, CollapseReasoning, ShowReasoning, Raw, Stats, NoLog, NoColor];

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
