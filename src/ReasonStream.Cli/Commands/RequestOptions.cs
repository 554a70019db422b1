using System.CommandLine;
using ReasonStream.Cli.Configuration;

namespace ReasonStream.Cli.Commands;

/// <summary>The options that say where a request goes and how it is shown; shared by `reason` and `reason chat`.</summary>
internal sealed class RequestOptions
{
    public Option<string?> Model { get; } = new("--model", "-m") { Description = "The model, any name the provider knows (default: config file, else the provider's default, deepseek-flash for DeepSeek)", HelpName = "NAME" };
    public Option<string?> Provider { get; } = new("--provider") { Description = "A provider preset: protocol, base URL, key variable and reasoning dialect (see `reason providers`)", HelpName = "NAME" };
    public Option<string?> BaseUrl { get; } = new("--base-url") { Description = "Any endpoint's base URL, e.g. http://localhost:8000/v1 (chat completions unless --api says otherwise)", HelpName = "URL" };
    public Option<string?> Api { get; } = ApiOption.Create("The wire protocol: chat completions, the Responses API, Anthropic Messages, Gemini, Ollama native (default: the provider's; see `reason providers`)");
    public Option<string?> ApiKeyEnv { get; } = new("--api-key-env") { Description = "Read the API key from this environment variable instead of the preset's", HelpName = "NAME" };
    public Option<string?> System { get; } = new("--system", "-s") { Description = "A system prompt", HelpName = "TEXT" };
    public Option<int?> MaxTokens { get; } = new("--max-tokens") { Description = "Upper bound of generated tokens, reasoning included", HelpName = "N", CustomParser = NumberParsers.WholeNumber };
    public Option<double?> Temperature { get; } = new("--temperature") { Description = "Sampling temperature (thinking models often ignore it)", HelpName = "T", CustomParser = NumberParsers.Decimal };
    public Option<string?> Effort { get; } = new("--effort") { Description = "Reasoning effort, e.g. low, medium, high, max (provider-dependent)", HelpName = "LEVEL" };
    public Option<double?> Timeout { get; } = new("--timeout") { Description = "Seconds to wait for the first token, and the longest silence between tokens, before giving up (default 600 and 120; 0.001 to 86400)", HelpName = "SECONDS", CustomParser = NumberParsers.Decimal };
    public Option<int?> Retries { get; } = new("--retries") { Description = "Retries on connection failure, 408, 409, 425, 429 and 5xx before any output (default 3)", HelpName = "N", CustomParser = NumberParsers.WholeNumber };
    public Option<string?> Dialect { get; } = DialectOption.Create();
    public Option<bool> HideReasoning { get; } = new("--hide-reasoning") { Description = "Do not show the reasoning (a terminal still shows the Thinking… timer)" };
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

    public OutputSettings ReadOutput(ParseResult parse, bool json = false) => new()
    {
        HideReasoning = parse.GetValue(HideReasoning),
        Stats = parse.GetValue(Stats),
        Json = json,
        NoColor = parse.GetValue(NoColor),
    };

    public bool ReadNoLog(ParseResult parse) => parse.GetValue(NoLog);

    private IEnumerable<Option> All() =>
        [Model, Provider, BaseUrl, Api, ApiKeyEnv, System, MaxTokens, Temperature, Effort, Timeout, Retries, Dialect, HideReasoning, Stats, NoLog, NoColor];

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
