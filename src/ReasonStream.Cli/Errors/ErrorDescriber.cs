using System.Globalization;

namespace ReasonStream.Cli.Errors;

/// <summary>
/// Turns any failure into one clear line plus a hint and an exit code. The library's <see cref="ReasonStreamErrorKind"/> is the
/// one taxonomy: every kind maps to its exit code in an exhaustive switch (a kind added to the library is a build error here
/// until it has its code), and the exception types that carry data (the key's source, a retired model's replacement, a
/// Retry-After) add it to the hint. Messages come from the library, which already took the key out of them.
/// </summary>
internal static class ErrorDescriber
{
    public static ErrorReport Describe(Exception exception, ErrorContext? context) => exception switch
    {
        CliException cli => new ErrorReport(cli.ExitCode == ExitCodes.Config ? "config" : "usage", OneLine(cli.Message), cli.Hint, cli.ExitCode),
        ReasonStreamException stream when context is not null => Describe(stream, context),
        ReasonStreamException stream => Describe(stream, new ErrorContext("", "", "", null, WireProtocol.ChatCompletions)),
        _ => new ErrorReport("internal", OneLine(exception.GetType().Name + ": " + exception.Message),
            "this is a bug in reason; please report it with the command you ran", ExitCodes.Provider),
    };

    public static ErrorReport Describe(ReasonStreamException e, ErrorContext context)
    {
        // Every named kind is listed; CS8524 (values outside the named ones, which the library never creates) is not a kind.
#pragma warning disable CS8524
        (string kind, int code, string hint) = e.Kind switch
        {
            ReasonStreamErrorKind.Authentication => ("authentication", ExitCodes.Authentication, KeyHint((AuthenticationFailedException)e, context)),
            ReasonStreamErrorKind.InsufficientBalance => ("insufficient_balance", ExitCodes.RateLimitOrBalance, $"top up the {context.ProviderName} account, then try again"),
            ReasonStreamErrorKind.UnknownModel => ("unknown_model", ExitCodes.Model, ModelHint(e as UnknownModelException, context)),
            ReasonStreamErrorKind.InvalidRequest => ("invalid_request", ExitCodes.Provider, "the server's message says what it rejected; check -m, --temperature, --max-tokens and --effort"),
            ReasonStreamErrorKind.RateLimited => ("rate_limited", ExitCodes.RateLimitOrBalance, e is RateLimitedException { RetryAfter: { } wait }
                ? $"the provider asks to wait {Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s; try again then"
                : "wait a moment and try again (or raise --retries)"),
            ReasonStreamErrorKind.ServerError => ("server_error", ExitCodes.Provider, "the provider failed or is overloaded; try again later"),
            ReasonStreamErrorKind.ConnectionFailed => ("connection_failed", ExitCodes.Network, $"check the network and the base URL ({context.BaseUrl})"),
            ReasonStreamErrorKind.Interrupted => ("interrupted", ExitCodes.Network, "the connection dropped mid-stream; try again"),
            ReasonStreamErrorKind.FirstTokenTimeout => ("first_token_timeout", ExitCodes.Network, "the model sent nothing in time; raise --timeout (seconds) or try again"),
            ReasonStreamErrorKind.Stalled => ("stalled", ExitCodes.Network, "the stream stopped mid-answer; raise --timeout or try again"),
            ReasonStreamErrorKind.ProviderError => ("provider_error", ExitCodes.Provider, "the provider reported an error mid-stream; try again"),
            ReasonStreamErrorKind.Protocol => ("protocol", ExitCodes.Provider,
                $"the response was not a valid stream of {WireProtocols.Describe(context.Protocol)}; does the server at --base-url speak it? (--api names another protocol)"),
            ReasonStreamErrorKind.Http => ("http", ExitCodes.Provider, "check --base-url and --provider"),
        };
#pragma warning restore CS8524
        return new ErrorReport(kind, OneLine(e.Message), hint, code, e.StatusCode);
    }

    /// <summary>For a failure whose partial output was logged: the hint says where it is kept.</summary>
    public static ErrorReport NoteLog(ErrorReport report, long logId) => report with
    {
        Hint = (report.Hint is null ? "" : report.Hint + "; ") + $"what arrived is kept in the log (`reason logs show {logId.ToString(CultureInfo.InvariantCulture)}`)",
    };

    /// <summary>The key was rejected (the library names its source), or none was sent: which variable to set.</summary>
    private static string KeyHint(AuthenticationFailedException e, ErrorContext context)
    {
        string variable = context.ApiKeyVariable ?? "the key's variable";
        return e.KeySource is null
            ? $"set {variable} or pass --api-key-env NAME"
            : $"check the key in {variable} (or pass --api-key-env NAME to read another variable)";
    }

    /// <summary>The library knows the retired names (the preset's fact) and says what replaces one; the CLI only says how to ask for it.</summary>
    private static string ModelHint(UnknownModelException? e, ErrorContext context) => e?.Replacement is { } replacement
        ? $"use -m {replacement}"
        : $"check the model name (-m {context.Model}); `reason models` lists what the provider serves";

    /// <summary>Collapses a message onto one line.</summary>
    public static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
