using System.Globalization;

namespace ReasonStream.Cli.Errors;

/// <summary>Turns any failure into one clear line plus a hint and an exit code. Never shows a stack trace or a key.</summary>
internal static class ErrorDescriber
{
    public static ErrorReport Describe(Exception exception, ErrorContext context) => exception switch
    {
        CliException cli => new ErrorReport("usage", OneLine(cli.Message), cli.Hint, cli.ExitCode),
        ReasonStreamException stream => DescribeStream(stream, context),
        _ => new ErrorReport("internal", OneLine(exception.GetType().Name + ": " + exception.Message),
            "this is a bug in reason; please report it with the command you ran", ExitCodes.Provider),
    };

    private static ErrorReport DescribeStream(ReasonStreamException e, ErrorContext context)
    {
        string message = OneLine(e.Message);
        string variable = context.ApiKeyVariable ?? "the key's variable";
        (string kind, string? hint, int code) = e switch
        {
            AuthenticationFailedException { KeySource: null } =>
                ("authentication", $"set {variable} or pass --api-key-env NAME", ExitCodes.Authentication),
            AuthenticationFailedException =>
                ("authentication", $"check the key in {variable} (or pass --api-key-env NAME to read another variable)", ExitCodes.Authentication),
            InsufficientBalanceException =>
                ("insufficient_balance", $"top up the {context.ProviderName} account, then try again", ExitCodes.RateLimitOrBalance),
            UnknownModelException unknown => ("unknown_model", ModelHint(unknown, context), ExitCodes.Model),
            RateLimitedException { RetryAfter: { } wait } =>
                ("rate_limited", $"the provider asks to wait {Seconds(wait)} s; try again then", ExitCodes.RateLimitOrBalance),
            RateLimitedException => ("rate_limited", "wait a moment and try again (or raise --retries)", ExitCodes.RateLimitOrBalance),
            InvalidRequestException => ("invalid_request", "the server's message says what it rejected; check -m, --temperature, --max-tokens and --effort", ExitCodes.Provider),
            ServerErrorException => ("server_error", "the provider failed or is overloaded; try again later", ExitCodes.Provider),
            ConnectionFailedException => ("connection_failed", $"check the network and the base URL ({context.BaseUrl})", ExitCodes.Network),
            StreamInterruptedException => ("interrupted", "the connection dropped mid-stream; try again", ExitCodes.Network),
            FirstTokenTimeoutException => ("first_token_timeout", "the model sent nothing in time; raise --timeout (seconds) or try again", ExitCodes.Network),
            StreamStalledException => ("stalled", "the stream stopped mid-answer; raise --timeout or try again", ExitCodes.Network),
            ProviderStreamException => ("provider_error", "the provider reported an error mid-stream; try again", ExitCodes.Provider),
            StreamProtocolException => ("protocol", "the response was not a valid chat-completions stream; is --base-url an OpenAI-compatible endpoint?", ExitCodes.Provider),
            HttpStatusException => ("http", "check --base-url and --provider", ExitCodes.Provider),
            _ => ("error", null, ExitCodes.Provider),
        };
        return new ErrorReport(kind, message, hint, code, e.StatusCode);
    }

    /// <summary>
    /// For a failure mid-stream whose exchange was logged: the hint says where the partial output is. Only then;
    /// with --no-log, in replay and demo, or when the log could not be written, nothing is claimed.
    /// </summary>
    public static ErrorReport NoteLog(ErrorReport report, long logId) => report.Kind is "interrupted" or "stalled" or "provider_error"
        ? report with { Hint = (report.Hint is null ? "" : report.Hint + "; ") + $"what arrived is kept in the log (`reason logs show {logId.ToString(CultureInfo.InvariantCulture)}`)" }
        : report;

    private static string ModelHint(UnknownModelException e, ErrorContext context)
    {
        string? replacement = e.Replacement
            ?? (context.RetiredModels.TryGetValue(context.Model, out var newer) ? newer : null);
        return replacement is null
            ? $"check the model name (-m {context.Model}); `reason providers` lists each provider's default model"
            : $"'{context.Model}' was retired; use -m {replacement}";
    }

    private static string Seconds(TimeSpan wait) => Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    /// <summary>Collapses a message onto one line.</summary>
    public static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
